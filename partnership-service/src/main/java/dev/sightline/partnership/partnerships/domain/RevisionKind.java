package dev.sightline.partnership.partnerships.domain;

/** What made a revision. */
public enum RevisionKind {
    CREATED, UPDATED, TRANSITIONED
}
