package dev.sightline.support.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.sightline.support.rest.QueryParams;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads request bodies strictly: a record that reaches a regulator must be exactly what the client
 * meant, so nothing is guessed (no floats into integers, no "12" into 12, no unknown or duplicate
 * properties, no trailing garbage, no empty string taken as null). UUIDs and instants are JSON strings
 * in their exact form: no number read as an instant, no whitespace or control character trimmed off,
 * and instants only within {@link QueryParams#MIN_INSTANT} and {@link QueryParams#MAX_INSTANT}.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {
    /** Last, after Quarkus registers the Java time module, so that the exact-form deserializers below win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.DateTime, LogicalType.OtherScalar, LogicalType.POJO, LogicalType.Collection,
                LogicalType.Array, LogicalType.Map }) {
            refuse(mapper, type, CoercionInputShape.EmptyString);
        }
        SimpleModule exact = new SimpleModule("sightline-strict-scalars");
        exact.addDeserializer(UUID.class, new ExactString<>(UUID.class, QueryParams::parseUuid));
        exact.addDeserializer(Instant.class, new ExactString<>(Instant.class, QueryParams::parseInstant));
        mapper.registerModule(exact);
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** A scalar that only a JSON string in its exact form stands for; the parser answers null when it is not. */
    private static final class ExactString<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parser;

        ExactString(Class<T> type, Function<String, T> parser) {
            super(type);
            this.parser = parser;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            T value = parser.apply(text);
            if (value == null) {
                return (T) context.handleWeirdStringValue(handledType(), text, "not in its exact form");
            }
            return value;
        }
    }
}
