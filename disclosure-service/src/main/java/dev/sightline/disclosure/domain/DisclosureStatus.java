package dev.sightline.disclosure.domain;

/** DRAFT → PUBLISHED → SUPERSEDED | WITHDRAWN. */
public enum DisclosureStatus {
    DRAFT, PUBLISHED, SUPERSEDED, WITHDRAWN
}
