package dev.sightline.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The JSON Schema keywords the committed contracts (OpenAPI 3.1) and the disclosure report schema use, checked as
 * JSON Schema 2020-12 means them: {@code type} (one or a list, {@code "null"} included), OpenAPI 3.0's
 * {@code nullable}, {@code enum}, {@code const}, {@code required}, {@code properties}, {@code additionalProperties},
 * {@code items}, {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength}, {@code pattern} (unanchored,
 * as JSON Schema says), {@code minimum}/{@code maximum} (and the exclusive ones), the formats {@code date-time}
 * (RFC 3339: a four-digit year and an offset), {@code date} and {@code uuid}, {@code allOf}/{@code anyOf}/
 * {@code oneOf}, and {@code $ref} next to other keywords (both apply). A local reference resolves in the document the
 * schema came from; any other is fetched once through {@code external} and resolves there.
 *
 * <p>{@code strict} is for request bodies: the services read JSON strictly, so a property an object schema does not
 * declare is an error there too; a null for a property that is not required reads as its absence.
 */
final class SchemaValidator {
    /** RFC 3339 date-time, whose "T" and "Z" may also be written in lower case (section 5.6). */
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final Function<String, JsonNode> external;
    private final boolean strict;

    SchemaValidator(Function<String, JsonNode> external, boolean strict) {
        this.external = external;
        this.strict = strict;
    }

    /** Every way {@code value} breaks {@code schema} (of {@code document}), each as "path: what"; empty when valid. */
    List<String> validate(JsonNode value, JsonNode schema, JsonNode document) {
        List<String> errors = new ArrayList<>();
        check(value, schema, document, "$", errors, 0);
        // a $ref and the keywords next to it may say the same thing twice
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    static boolean isDateTime(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isUuid(String text) {
        return UUID.matcher(text).matches();
    }

    static boolean matchesPattern(String text, String pattern) {
        return PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(text).find();
    }

    private void check(JsonNode value, JsonNode schema, JsonNode document, String path, List<String> errors,
            int depth) {
        if (schema == null || schema.isMissingNode() || depth > 64) {
            return;
        }
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                errors.add(path + ": no value is allowed here");
            }
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document;
            String pointer = ref;
            if (!ref.startsWith("#")) {
                int hash = ref.indexOf('#');
                target = external.apply(hash < 0 ? ref : ref.substring(0, hash));
                pointer = hash < 0 ? "#" : ref.substring(hash);
            }
            JsonNode referenced = pointer.length() <= 1 ? target : target.at(pointer.substring(1));
            if (referenced.isMissingNode()) {
                errors.add(path + ": the schema names " + ref + ", which does not exist");
                return;
            }
            check(value, referenced, target, path, errors, depth + 1);
        }
        if (value.isNull() && schema.path("nullable").asBoolean(false)) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(value, type)) {
            errors.add(path + ": expected " + (type.isArray() ? type.toString() : type.asText()) + ", got "
                    + describe(value));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && !contains(allowed, value)) {
            errors.add(path + ": " + describe(value) + " is not one of " + allowed);
        }
        if (schema.has("const") && !same(schema.get("const"), value)) {
            errors.add(path + ": " + describe(value) + " is not " + schema.get("const"));
        }
        if (value.isTextual()) {
            checkString(value.textValue(), schema, path, errors);
        } else if (value.isNumber()) {
            checkNumber(value.decimalValue(), schema, path, errors);
        } else if (value.isArray()) {
            checkArray(value, schema, document, path, errors, depth);
        } else if (value.isObject()) {
            checkObject(value, schema, document, path, errors, depth);
        }
        combinators(value, schema, document, path, errors, depth);
    }

    private void combinators(JsonNode value, JsonNode schema, JsonNode document, String path, List<String> errors,
            int depth) {
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, document, path, errors, depth + 1);
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            boolean one = schema.has("oneOf");
            int matched = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode part : schema.get(one ? "oneOf" : "anyOf")) {
                List<String> sub = new ArrayList<>();
                check(value, part, document, path, sub, depth + 1);
                if (sub.isEmpty()) {
                    matched++;
                } else {
                    why.add(String.join("; ", sub));
                }
            }
            if (matched == 0) {
                errors.add(path + ": matches none of " + (one ? "oneOf" : "anyOf") + " " + why);
            } else if (one && matched > 1) {
                errors.add(path + ": matches " + matched + " schemas of oneOf, not exactly one");
            }
        }
    }

    private static void checkString(String text, JsonNode schema, String path, List<String> errors) {
        String format = schema.path("format").asText("");
        boolean formatOk = switch (format) {
            case "date-time" -> isDateTime(text);
            case "date" -> isDate(text);
            case "uuid" -> isUuid(text);
            default -> true;
        };
        if (!formatOk) {
            errors.add(path + ": " + quote(text) + " is not a " + format);
        }
        if (schema.has("pattern") && !matchesPattern(text, schema.get("pattern").asText())) {
            errors.add(path + ": " + quote(text) + " does not match " + schema.get("pattern").asText());
        }
        int length = text.codePointCount(0, text.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": longer than " + schema.get("maxLength").asInt() + " (" + length + ")");
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": shorter than " + schema.get("minLength").asInt() + " (" + length + ")");
        }
    }

    private static void checkNumber(BigDecimal number, JsonNode schema, String path, List<String> errors) {
        if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
            errors.add(path + ": " + number + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
            errors.add(path + ": " + number + " is above the maximum " + schema.get("maximum"));
        }
        JsonNode exclusiveMin = schema.get("exclusiveMinimum");
        if (exclusiveMin != null && exclusiveMin.isNumber() && number.compareTo(exclusiveMin.decimalValue()) <= 0) {
            errors.add(path + ": " + number + " is not above " + exclusiveMin);
        }
        JsonNode exclusiveMax = schema.get("exclusiveMaximum");
        if (exclusiveMax != null && exclusiveMax.isNumber() && number.compareTo(exclusiveMax.decimalValue()) >= 0) {
            errors.add(path + ": " + number + " is not below " + exclusiveMax);
        }
    }

    private void checkArray(JsonNode array, JsonNode schema, JsonNode document, String path, List<String> errors,
            int depth) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
            errors.add(path + ": fewer than " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
            errors.add(path + ": more than " + schema.get("maxItems").asInt() + " items");
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < array.size(); i++) {
                check(array.get(i), items, document, path + "[" + i + "]", errors, depth + 1);
            }
        }
    }

    private void checkObject(JsonNode object, JsonNode schema, JsonNode document, String path, List<String> errors,
            int depth) {
        for (JsonNode name : schema.path("required")) {
            if (!object.has(name.asText())) {
                errors.add(path + ": " + name.asText() + " is required");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            if (strict && field.getValue().isNull() && !isRequired(schema, field.getKey())) {
                continue;
            }
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), document, at, errors, depth + 1);
            } else if (additional != null) {
                check(field.getValue(), additional, document, at, errors, depth + 1);
            } else if (strict && properties.size() > 0) {
                errors.add(at + ": not a property of this object");
            }
        }
    }

    private static boolean isRequired(JsonNode schema, String name) {
        for (JsonNode required : schema.path("required")) {
            if (required.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(value, one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return typeMatches(value, type.asText());
    }

    private static boolean typeMatches(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && isWhole(value.decimalValue());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode one : list) {
            if (same(one, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static String describe(JsonNode value) {
        String kind = value.isTextual() ? "string" : value.isNumber() ? "number" : value.getNodeType().name()
                .toLowerCase(Locale.ROOT);
        String text = value.isTextual() ? quote(value.textValue()) : value.toString();
        return kind + " " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    /** A string as JSON would write it, control characters and lone surrogates escaped, cut at 60 characters. */
    static String quote(String text) {
        return quote(text, 60);
    }

    static String quote(String text, int max) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > max ? "…(" + text.length() + " chars)\"" : "\"").toString();
    }
}
