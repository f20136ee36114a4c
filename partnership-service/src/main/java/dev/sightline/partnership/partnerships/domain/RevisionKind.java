package dev.sightline.partnership.partnerships.domain;

/**
 * What made a revision: a create, an update in force at once, a transition, or a change that widens the data
 * policy of an ACTIVE or SUSPENDED partnership: proposed (not in force), then approved (in force) or rejected.
 */
public enum RevisionKind {
    CREATED, UPDATED, TRANSITIONED, CHANGE_PROPOSED, CHANGE_APPROVED, CHANGE_REJECTED
}
