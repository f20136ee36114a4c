package dev.sightline.support.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.validation.CountryCode;
import dev.sightline.support.validation.DateRange;
import dev.sightline.support.validation.Uuids;
import dev.sightline.support.problem.StrictScalars;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses query parameters into types with a 400 problem naming the parameter. JAX-RS turns a query
 * parameter it cannot convert into a 404, which tells the client nothing; resources take such
 * parameters as strings and convert them here. An absent parameter is null; one that is present but blank
 * ({@code ?status=}) is refused, not taken as absent, so a client that meant to filter never gets everything.
 */
public final class QueryParams {
    public static final String INSTANT_MESSAGE = "must be an ISO-8601 UTC instant such as 2026-11-29T10:15:30Z, in the "
            + DateRange.DESCRIPTION;
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,10}");

    private QueryParams() {
    }

    /** Whether the parameter was left out; a 400 naming it when it is present but blank. */
    public static boolean absent(String name, String value) {
        if (value == null) {
            return true;
        }
        if (value.isBlank()) {
            throw ProblemException.invalidField(name, "must not be blank; leave the parameter out instead");
        }
        return false;
    }

    /** An ISO-8601 instant within {@link DateRange}; null when absent. */
    public static Instant instant(String name, String value) {
        if (absent(name, value)) {
            return null;
        }
        Instant parsed = DateRange.instant(value);
        if (parsed == null) {
            throw ProblemException.invalidField(name, INSTANT_MESSAGE);
        }
        return parsed;
    }

    public static UUID uuid(String name, String value) {
        if (absent(name, value)) {
            return null;
        }
        UUID uuid = Uuids.parse(value);
        if (uuid == null) {
            throw ProblemException.invalidField(name, "must be a UUID in its 36-character form");
        }
        return uuid;
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (absent(name, value)) {
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
        if (absent(name, value)) {
            return null;
        }
        try {
            int parsed = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : Integer.MIN_VALUE;
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
        if (absent(name, value)) {
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
        if (absent(name, value)) {
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

    /** Free text as a filter, at most 1,000 characters; see {@link #text(String, String, int)}. */
    public static String text(String name, String value) {
        return text(name, value, 1_000);
    }

    /** Why {@code value} is not storable text (it holds NUL or a lone surrogate), or null when it is. */
    public static String textProblem(String value) {
        return StrictScalars.unstorable(value);
    }

    /** An ISO 3166-1 alpha-2 country code; null when absent. */
    public static String country(String name, String value) {
        if (absent(name, value)) {
            return null;
        }
        if (!CountryCode.Validator.isCountry(value)) {
            throw ProblemException.invalidField(name, "must be an ISO 3166-1 alpha-2 country code such as DE");
        }
        return value;
    }
}
