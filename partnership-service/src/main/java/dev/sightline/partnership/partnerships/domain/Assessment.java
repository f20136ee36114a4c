package dev.sightline.partnership.partnerships.domain;

import java.time.LocalDate;

/** An assessment done or planned for the partnership; past {@code nextReview} it is overdue. */
public record Assessment(AssessmentType type, AssessmentStatus status, LocalDate date, String reviewer,
        String approver, LocalDate nextReview, String reference) {

    public boolean approved() {
        return status == AssessmentStatus.APPROVED;
    }

    public boolean overdueOn(LocalDate day) {
        return nextReview != null && nextReview.isBefore(day);
    }
}
