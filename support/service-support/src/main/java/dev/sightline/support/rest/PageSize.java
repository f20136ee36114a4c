package dev.sightline.support.rest;

import dev.sightline.support.problem.ProblemException;

/** The {@code limit} of every list: 1 to {@value #MAX} items a page, a list's own default when absent. */
public final class PageSize {
    public static final int MAX = 500;

    private PageSize() {
    }

    /**
     * The page size from the raw query parameter, which resources take as a string: JAX-RS answers a number it
     * cannot convert with a 404. A 400 naming {@code limit} when it is blank, not a whole number or out of range.
     */
    public static int of(String limit, int whenAbsent) {
        if (QueryParams.absent("limit", limit)) {
            return whenAbsent;
        }
        try {
            return of(Integer.valueOf(QueryParams.integer("limit", limit, 1)), whenAbsent);
        } catch (ProblemException e) {
            throw ProblemException.invalidField("limit", "must be a whole number between 1 and " + MAX);
        }
    }

    /** The page size; a 400 naming {@code limit} outside 1 to {@value #MAX}. */
    public static int of(Integer limit, int whenAbsent) {
        if (limit == null) {
            return whenAbsent;
        }
        if (limit < 1 || limit > MAX) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX);
        }
        return limit;
    }
}
