package dev.sightline.support.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.validation.CountryCode;
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
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO-8601 UTC instant such as 2026-11-29T10:15:30Z");
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
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
