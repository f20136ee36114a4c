package dev.sightline.disclosure.disclosures.domain;

/** DRAFT → PUBLISHED → SUPERSEDED | WITHDRAWN. */
public enum DisclosureStatus {
    DRAFT, PUBLISHED, SUPERSEDED, WITHDRAWN
}
