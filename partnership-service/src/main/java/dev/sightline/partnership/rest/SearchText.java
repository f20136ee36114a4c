package dev.sightline.partnership.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.problem.StrictScalars;

/** The free-text {@code q} of lists: a case-insensitive substring, matched with SQL {@code ILIKE}. */
public final class SearchText {
    private SearchText() {
    }

    /**
     * The text to search for, stripped; null when blank or absent (an empty search box means no filter). A 400 naming
     * {@code q} for text the database cannot compare (a NUL or an unpaired surrogate).
     */
    public static String of(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String problem = StrictScalars.unstorable(q);
        if (problem != null) {
            throw ProblemException.invalidField("q", problem);
        }
        return q.strip();
    }

    /** An {@code ILIKE ... ESCAPE '\'} pattern matching {@code text} anywhere, its wildcards taken literally. */
    public static String anywhere(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
