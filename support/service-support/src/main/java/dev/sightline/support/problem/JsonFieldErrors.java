package dev.sightline.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

/** Turns Jackson's binding failures into a field path and a sentence a client can act on. */
final class JsonFieldErrors {
    private JsonFieldErrors() {
    }

    static Problem.FieldError describe(JsonMappingException e) {
        String field = pathOf(e);
        if (e instanceof StrictScalars.Refused refused) {
            return new Problem.FieldError(field, refused.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Problem.FieldError(field, "unknown property '" + unknown.getPropertyName() + "'");
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return new Problem.FieldError(field, e.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new Problem.FieldError(field, expectation(mismatch.getTargetType(), e));
        }
        return new Problem.FieldError(field, "has an invalid value");
    }

    private static String expectation(Class<?> type, JsonMappingException e) {
        if (type.isEnum()) {
            String value = e instanceof InvalidFormatException format ? "'" + format.getValue() + "' " : "";
            return value + "is not one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be an integer (no decimals, no strings)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 UTC instant such as 2026-11-29T10:15:30Z";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date such as 2026-11-29";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (e.getMessage() != null && e.getMessage().contains("No content")) {
            return "a request body is required";
        }
        return "must be a JSON object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }
}
