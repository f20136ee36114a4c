package dev.sightline.partnership.rest;

/** The free-text {@code q} of lists: a case-insensitive substring, matched with SQL {@code ILIKE}. */
public final class SearchText {
    private SearchText() {
    }

    /** The text to search for, stripped; null when blank or absent. */
    public static String of(String q) {
        return q == null || q.isBlank() ? null : q.strip();
    }

    /** An {@code ILIKE ... ESCAPE '\'} pattern matching {@code text} anywhere, its wildcards taken literally. */
    public static String anywhere(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
