package dev.sightline.audit.remediation;

/** Where the remediation of a kind of violation stands. */
public enum RemediationStatus { OPEN, IN_PROGRESS, REMEDIATED, DISPUTED }
