package dev.sightline.partnership.rest;

import dev.sightline.support.problem.ProblemException;

/** Optimistic locking over HTTP: updates name the version they change in {@code If-Match}. */
public final class EntityTags {
    private EntityTags() {
    }

    /** 428 without a precondition, 412 when none of the given tags is the current one. */
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
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*")) {
                return;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(Long.toString(current))) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("The " + what + " has changed since you read it: its ETag is now \""
                + current + "\"; read it again and reapply your change");
    }
}
