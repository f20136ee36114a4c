package dev.sightline.support.validation;

import java.util.UUID;

/**
 * UUIDs in their canonical 36-character form only. {@link UUID#fromString} also takes short groups
 * ({@code 1-1-1-1-1}) and Jackson trims spaces and control characters first, so one id could be spelled many ways.
 */
public final class Uuids {
    /** The canonical form as a pattern, for documentation and for the test that checks {@link #parse} against it. */
    public static final String CANONICAL =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private Uuids() {
    }

    /**
     * The UUID, or null when {@code text} is not one in canonical form. Checked by hand, not by matching
     * {@link #CANONICAL}: every event carries two, and the regular expression was a tenth of appending one.
     */
    public static UUID parse(String text) {
        if (text.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return null;
            }
        }
        return UUID.fromString(text);
    }
}
