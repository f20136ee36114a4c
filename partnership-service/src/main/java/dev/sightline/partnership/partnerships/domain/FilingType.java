package dev.sightline.partnership.partnerships.domain;

/** Regulatory filings and registrations. */
public enum FilingType {
    EU_AI_DATABASE_REGISTRATION, CAC_ALGORITHM_FILING, CAC_GENERATIVE_AI_FILING, DPA_NOTIFICATION, OTHER
}
