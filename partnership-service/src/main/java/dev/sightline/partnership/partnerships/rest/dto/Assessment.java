package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.AssessmentStatus;
import dev.sightline.partnership.partnerships.domain.AssessmentType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An assessment done (or planned) for the partnership. */
@Schema(name = "Assessment", example = """
        {"type": "DPIA", "status": "APPROVED", "date": "2026-02-10", "reviewer": "dpo@example.com",
         "approver": "ciso@example.com", "nextReview": "2027-02-10", "reference": "DPIA-2026-007"}""")
public record Assessment(
        @NotNull AssessmentType type,
        @NotNull AssessmentStatus status,
        @Schema(nullable = true) LocalDate date,
        @Schema(nullable = true) @Size(max = 200) String reviewer,
        @Schema(nullable = true) @Size(max = 200) String approver,
        @Schema(description = "Past this date the assessment no longer satisfies the activation gate", nullable = true)
        LocalDate nextReview,
        @Schema(nullable = true) @Size(max = 300) String reference) {
}
