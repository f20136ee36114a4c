package dev.sightline.partnership.domain;

/** EU AI Act risk class of an AI system. */
public enum RiskClass {
    PROHIBITED, HIGH, LIMITED, MINIMAL
}
