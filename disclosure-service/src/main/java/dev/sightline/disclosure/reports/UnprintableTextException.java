package dev.sightline.disclosure.reports;

import java.util.Locale;

/** Text the report font has no glyph for: rendering stops rather than drop it. */
public class UnprintableTextException extends RuntimeException {
    private final String where;
    private final int codePoint;

    public UnprintableTextException(String where, int codePoint) {
        super(String.format(Locale.ROOT, "%s holds U+%04X (%s), which the report font (%s) cannot print", where,
                codePoint, Character.getName(codePoint), ReportFont.FAMILY));
        this.where = where;
        this.codePoint = codePoint;
    }

    /** Where the text is: a JSON path of the report ({@code partnerships[0].title}) or a field of a request. */
    public String where() {
        return where;
    }

    public int codePoint() {
        return codePoint;
    }
}
