package dev.sightline.audit.log.rest;

/** The OpenAPI tags of the log's resources, each described once for every resource that carries it. */
final class ApiTags {
    static final String CHECKPOINTS = "checkpoints";
    static final String CHECKPOINTS_DESCRIPTION = "Signed tree heads and the keys that verify them";
    static final String EVENTS = "events";
    static final String EVENTS_DESCRIPTION = "Appending access events and reading log entries";
    static final String PROOFS = "proofs";
    static final String PROOFS_DESCRIPTION = "RFC 9162 proofs and full verification of the log";

    private ApiTags() {
    }
}
