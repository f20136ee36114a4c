package dev.sightline.support.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.sightline.support.validation.DateRange;
import dev.sightline.support.validation.Uuids;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

/**
 * Scalars read exactly as written: strings that PostgreSQL can store (no U+0000, no unpaired surrogate halves),
 * UUIDs only in their canonical 36-character form (no trimming, no short groups), dates and instants only as
 * ISO-8601 strings within {@link DateRange} (no epoch numbers, no empty strings taken as null). Jackson's own
 * readers are lenient in each of these, so a wrong value would be stored as a different one or fail in the
 * database with a 500.
 */
public final class StrictScalars extends SimpleModule {

    static final String UUID_FORMAT = "must be a UUID in its 36-character form";
    static final String DATE_FORMAT = "must be an ISO-8601 date such as 2026-11-29, " + DateRange.DESCRIPTION;
    static final String INSTANT_FORMAT = "must be an ISO-8601 instant such as 2026-11-29T10:15:30Z, "
            + DateRange.DESCRIPTION;

    public StrictScalars() {
        super("sightline-strict-scalars");
        addDeserializer(String.class, new Text());
        addDeserializer(UUID.class, new Exact<>(UUID.class, Uuids::parse, UUID_FORMAT));
        addDeserializer(LocalDate.class, new Exact<>(LocalDate.class, DateRange::date, DATE_FORMAT));
        addDeserializer(Instant.class, new Exact<>(Instant.class, DateRange::instant, INSTANT_FORMAT));
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactEnum(deserializer, type.getRawClass());
            }
        });
    }

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
        }
        return null;
    }

    static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            String problem = unstorable(text);
            if (problem != null) {
                throw new Refused(p, problem, String.class);
            }
            return text;
        }
    }

    /** A scalar that only a JSON string stands for, which {@code parser} reads or answers null for. */
    static final class Exact<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parser;
        private final String expectation;

        Exact(Class<T> type, Function<String, T> parser, String expectation) {
            super(type);
            this.parser = parser;
            this.expectation = expectation;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = parser.apply(stringOf(p, handledType(), expectation));
            if (value == null) {
                throw new Refused(p, expectation, handledType());
            }
            return value;
        }
    }

    /**
     * An enum value as written: Jackson trims what it reads for an enum (a NUL or spaces around a name would pass), so
     * a name with anything around it is refused before Jackson's own deserializer sees it.
     */
    static final class ExactEnum extends StdDeserializer<Object> implements ContextualDeserializer {
        private final JsonDeserializer<?> delegate;

        ExactEnum(JsonDeserializer<?> delegate, Class<?> type) {
            super(type);
            this.delegate = delegate;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            return delegate instanceof ContextualDeserializer contextual
                    ? new ExactEnum(contextual.createContextual(ctxt, property), handledType()) : this;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                if (!text.equals(text.strip()) || text.chars().anyMatch(c -> c < ' ')) {
                    throw new Refused(p, "must be one of the values the contract lists, exactly as written",
                            handledType());
                }
            }
            return delegate.deserialize(p, ctxt);
        }
    }

    /** The token as a string; numbers, booleans and the like are refused rather than converted. */
    private static String stringOf(JsonParser p, Class<?> type, String expectation) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            throw new Refused(p, expectation, type);
        }
        return p.getText();
    }

    /** A value refused here; its message is the sentence the client reads next to the field. */
    static final class Refused extends InvalidFormatException {
        Refused(JsonParser p, String message, Class<?> type) {
            super(p, message, null, type);
        }
    }
}
