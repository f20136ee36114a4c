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
     * The UUID, or null when {@code text} is not one in canonical form. Read by hand, not by matching
     * {@link #CANONICAL} and {@link UUID#fromString}: every event carries two, and those were a tenth of appending
     * one. A property test checks it against both.
     */
    public static UUID parse(String text) {
        if (text.length() != 36) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                return null;
            }
            if (i < 18) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        return new UUID(high, low);
    }
}
