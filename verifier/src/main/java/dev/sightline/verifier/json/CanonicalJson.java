package dev.sightline.verifier.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 8785 (JCS) canonical JSON: no insignificant whitespace, object members sorted by the
 * UTF-16 code units of their names, strings escaped as ECMAScript's {@code JSON.stringify}
 * does, and every number written as ECMAScript's {@code Number.prototype.toString} writes the
 * IEEE 754 double it denotes.
 *
 * <p>As in JCS every number is an IEEE 754 double: integers beyond +-2^53 are rounded to
 * the nearest double, exactly as an ECMAScript verifier would. Values that must stay exact
 * beyond that range belong in strings.
 */
public final class CanonicalJson {

    // Integers below this magnitude print the same as a long and as an ES6 number.
    private static final int SAFE_INTEGER_BITS = 53;
    private static final double TWO_POW_53 = 9007199254740992.0;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {
    }

    /**
     * Parses one JSON text strictly: duplicate member names, trailing content and the usual
     * non-standard extensions (comments, NaN, single quotes ...) are rejected.
     */
    public static JsonNode parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try {
            node = STRICT.readTree(json);
        } catch (JacksonException e) {
            throw new CanonicalJsonException("not a single valid JSON text: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new CanonicalJsonException("empty input is not a JSON text");
        }
        return node;
    }

    /** The canonical UTF-8 bytes of a JSON text; see {@link #parse} for what is rejected. */
    public static byte[] canonicalize(String json) {
        return canonicalize(parse(json));
    }

    /** The canonical UTF-8 bytes of a JSON tree. */
    public static byte[] canonicalize(JsonNode node) {
        return toCanonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical form as a Java string. Encode it as UTF-8 before hashing; it contains no
     * lone surrogates, so the encoding is exact.
     */
    public static String toCanonicalString(JsonNode node) {
        Objects.requireNonNull(node, "node");
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> out.append(formatNumberNode(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new CanonicalJsonException("no JSON representation for a " + node.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        // String.compareTo orders by UTF-16 code units, which is exactly what RFC 8785 asks.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(members.get(i).getKey(), out);
            out.append(':');
            write(members.get(i).getValue(), out);
        }
        out.append('}');
    }

    /**
     * Appends a JSON string in its RFC 8785 form (quotes included), for writers that produce
     * canonical JSON directly because they know their keys and their order.
     */
    public static void appendString(StringBuilder out, String value) {
        writeString(value, out);
    }

    /** Characters without an escape, and whole surrogate pairs, are copied in runs, not one at a time. */
    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        int run = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            out.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        // I-JSON: a lone surrogate is not Unicode text and has no UTF-8 form.
                        throw new CanonicalJsonException("string contains a lone surrogate at index " + i);
                    }
                }
            }
        }
        out.append(value, run, length).append('"');
    }

    private static String formatNumberNode(JsonNode node) {
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.bitLength() <= SAFE_INTEGER_BITS) {
                return value.toString();
            }
            return formatNumber(value.doubleValue());
        }
        if (node.isBigDecimal()) {
            return formatNumber(node.decimalValue().doubleValue());
        }
        return formatNumber(node.doubleValue());
    }

    /**
     * ECMAScript {@code Number::toString} (ECMA-262, 7.1.12.1) of a finite double: the fewest
     * significant digits that read back as the same double, the closest such digits if there
     * is a choice (ties to even), and plain or exponent notation by the decimal exponent.
     *
     * <p>Java 17's {@code Double.toString} sometimes emits more digits than necessary, hence
     * the explicit search.
     *
     * @throws CanonicalJsonException for NaN and the infinities, which JSON cannot express
     */
    public static String formatNumber(double value) {
        if (!Double.isFinite(value)) {
            throw new CanonicalJsonException(value + " has no JSON representation");
        }
        if (value == 0) {
            return "0"; // -0 as well
        }
        if (value == Math.rint(value) && Math.abs(value) < TWO_POW_53) {
            return Long.toString((long) value);
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits * 10^n
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    // For each precision, only the two decimals adjacent to the exact binary value can be
    // the closest round-tripping candidate; the first precision where one of them reads back
    // wins. Both can read back: then the closer one, and on a tie the even one.
    private static BigDecimal shortestRoundTrip(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = readsBackAs(down, positive);
            boolean upOk = readsBackAs(up, positive);
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp != 0) {
                    return cmp < 0 ? down : up;
                }
                return down.unscaledValue().testBit(0) ? up : down;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        throw new IllegalStateException("17 significant digits always identify a double: " + positive);
    }

    private static boolean readsBackAs(BigDecimal decimal, double expected) {
        // Double.parseDouble rounds correctly (half to even), unlike some arithmetic shortcuts.
        return Double.parseDouble(decimal.toString()) == expected;
    }
}
