package dev.sightline.support.validation;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UUIDs in their canonical 36-character form only. {@link UUID#fromString} also takes short groups
 * ({@code 1-1-1-1-1}) and Jackson trims spaces and control characters first, so one id could be spelled many ways.
 */
public final class Uuids {
    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    /** The UUID, or null when {@code text} is not one in canonical form. */
    public static UUID parse(String text) {
        return CANONICAL.matcher(text).matches() ? UUID.fromString(text) : null;
    }
}
