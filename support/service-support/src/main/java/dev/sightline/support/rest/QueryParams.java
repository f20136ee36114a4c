package dev.sightline.support.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.validation.CountryCode;
import dev.sightline.support.validation.Values;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Parses query parameters into types with a 400 problem naming the parameter. JAX-RS turns a query
 * parameter it cannot convert into a 404, which tells the client nothing; resources take such
 * parameters as strings and convert them here.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, Values.INSTANT_EXPECTED);
        }
        if (!Values.inRange(parsed)) {
            throw ProblemException.invalidField(name, Values.INSTANT_RANGE);
        }
        return parsed;
    }

    /** Free text as a filter: null when absent; a 400 for text no record can hold (NUL, unpaired surrogates). */
    public static String text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String problem = Values.textProblem(value);
        if (problem != null) {
            throw ProblemException.invalidField(name, problem);
        }
        return value;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Values.isUuid(value)) {
            throw ProblemException.invalidField(name, Values.UUID_EXPECTED);
        }
        return UUID.fromString(value);
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        text(name, value);
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
