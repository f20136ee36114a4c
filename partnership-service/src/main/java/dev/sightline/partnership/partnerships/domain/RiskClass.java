package dev.sightline.partnership.partnerships.domain;

/** EU AI Act risk class of an AI system. */
public enum RiskClass {
    PROHIBITED, HIGH, LIMITED, MINIMAL
}
