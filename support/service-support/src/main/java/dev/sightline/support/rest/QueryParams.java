package dev.sightline.support.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.validation.CountryCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses query parameters into types with a 400 problem naming the parameter. JAX-RS turns a query
 * parameter it cannot convert into a 404, which tells the client nothing; resources take such
 * parameters as strings and convert them here. Instants and UUIDs are read in their exact form (nothing
 * trimmed), the same as in request bodies.
 */
public final class QueryParams {
    /** The earliest instant accepted anywhere: both PostgreSQL's timestamptz and Java hold years 0001 to 9999. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant accepted anywhere. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final String INSTANT_MESSAGE = "must be an ISO-8601 UTC instant such as 2026-11-29T10:15:30Z, "
            + "in the years 0001 to 9999";
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private QueryParams() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant parsed = parseInstant(value);
        if (parsed == null) {
            throw ProblemException.invalidField(name, INSTANT_MESSAGE);
        }
        return parsed;
    }

    /** The instant {@code value} spells exactly, within the accepted years, or null. */
    public static Instant parseInstant(String value) {
        if (value.length() > 40 || value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(value);
            return parsed.isBefore(MIN_INSTANT) || parsed.isAfter(MAX_INSTANT) ? null : parsed;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        UUID parsed = parseUuid(value);
        if (parsed == null) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
        return parsed;
    }

    /** The UUID {@code value} spells in the canonical 8-4-4-4-12 form, or null. */
    public static UUID parseUuid(String value) {
        return UUID_FORM.matcher(value).matches() ? UUID.fromString(value) : null;
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A whole number of at least {@code min}; null when absent. */
    public static Integer integer(String name, String value, int min) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be a whole number of at least " + min);
    }

    /** A whole number from {@code min} to {@code max}, or {@code absent} when the parameter is not given. */
    public static long wholeNumber(String name, String value, long min, long max, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }

    /**
     * Free text as given, or null when absent: at most {@code max} characters, none of them NUL (U+0000, which
     * PostgreSQL's text cannot hold) or half of a surrogate pair (which UTF-8 cannot encode).
     */
    public static String text(String name, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.invalidField(name, "size must be at most " + max);
        }
        String problem = textProblem(value);
        if (problem != null) {
            throw ProblemException.invalidField(name, problem);
        }
        return value;
    }

    /** Why {@code value} is not storable text (it holds NUL or a lone surrogate), or null when it is. */
    public static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain NUL (U+0000, at " + i + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (a lone surrogate at " + i + ")";
            }
        }
        return null;
    }

    /** An ISO 3166-1 alpha-2 country code; null when absent. */
    public static String country(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CountryCode.Validator.isCountry(value)) {
            throw ProblemException.invalidField(name, "must be an ISO 3166-1 alpha-2 country code such as DE");
        }
        return value;
    }
}
