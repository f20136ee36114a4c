package dev.sightline.partnership.rest;

import dev.sightline.support.problem.ProblemException;

/**
 * Optimistic locking over HTTP: updates name the version they change in {@code If-Match}, exactly one entity tag.
 * {@code *} (any version) and lists of tags are refused: either would let a client skip the lost-update check.
 */
public final class EntityTags {
    private EntityTags() {
    }

    /** 428 without a precondition or with anything but one tag, 412 when the tag is not the current one. */
    public static void requireMatch(String ifMatch, long current, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "Updating a " + what + " needs If-Match with the ETag of the version you read");
        }
        checkMatch(ifMatch, current, what);
    }

    /** Like {@link #requireMatch} but lets a request without If-Match through. */
    public static void checkMatch(String ifMatch, long current, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String value = ifMatch.strip();
        if (value.equals("*") || value.contains(",")) {
            throw ProblemException.preconditionRequired("If-Match must carry exactly one ETag, the one of the " + what
                    + " version you read; '*' and lists of tags are not accepted");
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!value.equals(Long.toString(current))) {
            throw ProblemException.preconditionFailed("The " + what + " has changed since you read it: its ETag is now \""
                    + current + "\"; read it again and reapply your change");
        }
    }
}
