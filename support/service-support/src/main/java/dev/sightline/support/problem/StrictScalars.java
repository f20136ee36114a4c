package dev.sightline.support.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.sightline.support.validation.Values;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Deserializers that take text, instants, dates and UUIDs exactly as {@link Values} defines them: only from JSON
 * strings (no numbers read as dates, no empty string read as null), nothing trimmed, within range, and no text
 * that the database cannot store.
 */
final class StrictScalars {
    private StrictScalars() {
    }

    static SimpleModule module() {
        return new SimpleModule("sightline-strict-scalars")
                .addDeserializer(String.class, new Text())
                .addDeserializer(Instant.class, new InstantValue())
                .addDeserializer(LocalDate.class, new DateValue())
                .addDeserializer(UUID.class, new UuidValue());
    }

    /** A value that is JSON of the right shape but not one the API accepts; the message says what it must be. */
    static final class Refused extends MismatchedInputException {
        Refused(JsonParser parser, String message, Class<?> type) {
            super(parser, message, type);
        }
    }

    static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, context);
            String problem = value == null ? null : Values.textProblem(value);
            if (problem != null) {
                throw new Refused(p, problem, String.class);
            }
            return value;
        }
    }

    static final class InstantValue extends StdScalarDeserializer<Instant> {
        InstantValue() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
            Instant value;
            try {
                value = Instant.parse(string(p, Values.INSTANT_EXPECTED, Instant.class));
            } catch (DateTimeParseException e) {
                throw new Refused(p, Values.INSTANT_EXPECTED, Instant.class);
            }
            if (!Values.inRange(value)) {
                throw new Refused(p, Values.INSTANT_RANGE, Instant.class);
            }
            return value;
        }
    }

    static final class DateValue extends StdScalarDeserializer<LocalDate> {
        DateValue() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext context) throws IOException {
            LocalDate value;
            try {
                value = LocalDate.parse(string(p, Values.DATE_EXPECTED, LocalDate.class));
            } catch (DateTimeParseException e) {
                throw new Refused(p, Values.DATE_EXPECTED, LocalDate.class);
            }
            if (!Values.inRange(value)) {
                throw new Refused(p, Values.DATE_RANGE, LocalDate.class);
            }
            return value;
        }
    }

    static final class UuidValue extends StdScalarDeserializer<UUID> {
        UuidValue() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = string(p, Values.UUID_EXPECTED, UUID.class);
            if (!Values.isUuid(text)) {
                throw new Refused(p, Values.UUID_EXPECTED, UUID.class);
            }
            return UUID.fromString(text);
        }
    }

    /** The JSON string at the parser; any other token is refused with {@code expected}. */
    private static String string(JsonParser p, String expected, Class<?> type) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            throw new Refused(p, expected + " (a JSON string)", type);
        }
        return p.getText();
    }
}
