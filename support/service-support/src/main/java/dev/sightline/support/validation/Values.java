package dev.sightline.support.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * What every service accepts as text, instants, dates and UUIDs, in bodies and in query parameters alike: the
 * range is one that PostgreSQL and Java both hold (years 0001 to 9999, UTC), text carries no NUL (PostgreSQL cannot
 * store it) and no unpaired UTF-16 surrogate (it has no UTF-8 form), and a UUID is its canonical 36 characters,
 * nothing trimmed.
 */
public final class Values {
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    public static final String INSTANT_EXPECTED = "must be an ISO-8601 UTC instant such as 2026-11-29T10:15:30Z";
    public static final String INSTANT_RANGE = "must lie between " + MIN_INSTANT + " and " + MAX_INSTANT;
    public static final String DATE_EXPECTED = "must be an ISO-8601 date such as 2026-11-29";
    public static final String DATE_RANGE = "must lie between " + MIN_DATE + " and " + MAX_DATE;
    public static final String UUID_EXPECTED = "must be a UUID of 36 characters such as "
            + "41f30665-5112-4592-8ab7-9879e90c23c8";

    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Values() {
    }

    /** Why this text cannot be stored, or null when it can. */
    public static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    public static boolean inRange(Instant value) {
        return !value.isBefore(MIN_INSTANT) && !value.isAfter(MAX_INSTANT);
    }

    public static boolean inRange(LocalDate value) {
        return !value.isBefore(MIN_DATE) && !value.isAfter(MAX_DATE);
    }

    /** The canonical form of a UUID (8-4-4-4-12 hex digits), which {@code UUID.fromString} does not insist on. */
    public static boolean isUuid(String value) {
        return UUID_FORM.matcher(value).matches();
    }
}
