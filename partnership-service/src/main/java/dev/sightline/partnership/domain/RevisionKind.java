package dev.sightline.partnership.domain;

/** What made a revision. */
public enum RevisionKind {
    CREATED, UPDATED, TRANSITIONED
}
