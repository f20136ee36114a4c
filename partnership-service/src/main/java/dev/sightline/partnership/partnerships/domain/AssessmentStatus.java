package dev.sightline.partnership.partnerships.domain;

/** Progress of an assessment; only APPROVED ones satisfy the activation gate. */
public enum AssessmentStatus {
    PLANNED, IN_PROGRESS, APPROVED, REJECTED
}
