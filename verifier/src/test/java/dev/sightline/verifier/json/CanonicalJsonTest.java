package dev.sightline.verifier.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** cyberphone/json-canonicalization testdata: input/X must canonicalize to exactly output/X. */
    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "simpleString", "structures", "unicode", "values", "weird"})
    void matchesTheRfc8785TestVectors(String name) throws IOException {
        String input = new String(resource("/jcs/input/" + name + ".json"), StandardCharsets.UTF_8);
        byte[] expected = resource("/jcs/output/" + name + ".json");
        assertArrayEquals(expected, CanonicalJson.canonicalize(input),
                () -> new String(CanonicalJson.canonicalize(input), StandardCharsets.UTF_8));
    }

    @Test
    void canonicalizingTwiceChangesNothing() throws IOException {
        for (String name : new String[] {"structures", "values", "weird"}) {
            byte[] once = CanonicalJson.canonicalize(new String(resource("/jcs/input/" + name + ".json"), StandardCharsets.UTF_8));
            assertArrayEquals(once, CanonicalJson.canonicalize(new String(once, StandardCharsets.UTF_8)), name);
        }
    }

    @Test
    void sortsKeysByUtf16CodeUnitsNotCodePoints() {
        // U+1F600 is D83D DE00 in UTF-16 and sorts before U+FB33, although its code point is larger.
        assertEquals("{\"\uD83D\uDE00\":1,\"\uFB33\":2}",
                CanonicalJson.toCanonicalString(CanonicalJson.parse("{\"\uFB33\":2,\"\uD83D\uDE00\":1}")));
        assertEquals("{\"A\":1,\"B\":0,\"a\":2}", canonical("{\"a\":2,\"B\":0,\"A\":1}"));
    }

    @Test
    void escapesStringsLikeJsonStringify() {
        ObjectNode node = NODES.objectNode();
        node.put("s", "\u0000\u0001\u001f \"\\/\b\f\n\r\t\u007f\u2028\u00e9");
        assertEquals("{\"s\":\"\\u0000\\u0001\\u001f \\\"\\\\/\\b\\f\\n\\r\\t\u007f\u2028\u00e9\"}",
                CanonicalJson.toCanonicalString(node));
    }

    @Test
    void rejectsDuplicateKeys() {
        CanonicalJsonException e = assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.canonicalize("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}"));
        assertEquals(true, e.getMessage().contains("c"), e.getMessage());
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.canonicalize("{\"a\":1,\"a\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":1} x", "{\"a\":1}{}", "[1,]", "{'a':1}", "{\"a\":NaN}",
            "[Infinity]", "[01]", "[1.]", "// c\n1", "[\"\t\"]", "[1e400]", "[-1e400]", "\"\\ud800\"",
            "{\"\\udc00\":1}"})
    void rejectsWhatIsNotCanonicalizableJson(String input) {
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.canonicalize(input));
    }

    @Test
    void rejectsNonFiniteNumbersAndNonJsonNodes() {
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.canonicalize(NODES.numberNode(Double.NaN)));
        assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.canonicalize(NODES.arrayNode().add(Double.POSITIVE_INFINITY)));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.canonicalize(NODES.pojoNode(new Object())));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.canonicalize(NODES.binaryNode(new byte[1])));
    }

    @Test
    void writesNumbersAsTheDoublesTheyDenote() {
        assertEquals("[0,0,0,-1,1,1.5,100,1e+21,1e-7,9007199254740992,9007199254740992,295147905179352830000]",
                canonical("[0, -0, -0.0, -1, 1.0, 1.50, 1E2, 1e21, 0.0000001, 9007199254740993,"
                        + " 9007199254740992.0, 295147905179352825856]"));
        JsonNode numbers = NODES.arrayNode()
                .add(12)
                .add(-7L)
                .add(new BigInteger("123456789012345678901234567890"))
                .add(new BigDecimal("0.1000"))
                .add(2.5f)
                .add(NODES.numberNode((short) 3));
        assertEquals("[12,-7,1.2345678901234568e+29,0.1,2.5,3]", CanonicalJson.toCanonicalString(numbers));
    }

    @Test
    void hashesUtf8OfTheCanonicalString() {
        String json = "{\"b\":\"\u00e9\u20ac\uD83D\uDE02\",\"a\":[true,null]}";
        byte[] bytes = CanonicalJson.canonicalize(json);
        assertArrayEquals("{\"a\":[true,null],\"b\":\"\u00e9\u20ac\uD83D\uDE02\"}".getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void randomDocumentsAreStableUnderReparsingAndMemberOrder() {
        long seed = 1_234_567L;
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            JsonNode doc = randomValue(random, 0);
            String canonical = CanonicalJson.toCanonicalString(doc);
            assertEquals(canonical, CanonicalJson.toCanonicalString(CanonicalJson.parse(canonical)),
                    "seed " + seed + ", document " + i);
            assertEquals(canonical, CanonicalJson.toCanonicalString(CanonicalJson.parse(doc.toPrettyString())),
                    "seed " + seed + ", document " + i);
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = depth > 3 ? 3 + random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0, 1 -> {
                ObjectNode object = NODES.objectNode();
                int members = random.nextInt(6);
                for (int m = 0; m < members; m++) {
                    object.set(randomString(random), randomValue(random, depth + 1));
                }
                yield object;
            }
            case 2 -> {
                var array = NODES.arrayNode();
                int items = random.nextInt(5);
                for (int m = 0; m < items; m++) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            case 3 -> NODES.textNode(randomString(random));
            case 4 -> NODES.numberNode(random.nextLong() >> random.nextInt(64));
            case 5 -> NODES.numberNode(Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL)
                    * (random.nextBoolean() ? 1 : -1));
            case 6 -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.nullNode();
        };
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.append((char) random.nextInt(0x80));
                case 1 -> s.append((char) (0x80 + random.nextInt(0xD000)));
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> s.append("\"\\/\n".charAt(random.nextInt(4)));
            }
        }
        return s.toString();
    }

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalize(json), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CanonicalJsonTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
