package dev.sightline.verifier.jws;

import dev.sightline.verifier.note.Ed25519Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

import static dev.sightline.verifier.jws.JwsException.Reason.INVALID_KEY;
import static dev.sightline.verifier.jws.JwsException.Reason.INVALID_SIGNATURE;
import static dev.sightline.verifier.jws.JwsException.Reason.MALFORMED;
import static dev.sightline.verifier.jws.JwsException.Reason.UNKNOWN_KEY;
import static dev.sightline.verifier.jws.JwsException.Reason.UNSUPPORTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachedJwsTest {

    // RFC 8037 appendix A.1 (key) and A.4 (an attached JWS with header {"alg":"EdDSA"}).
    private static final String RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String RFC8037_PAYLOAD = "Example of Ed25519 signing";
    private static final String RFC8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
            + "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private static final byte[] PAYLOAD = "{\"disclosureId\":\"d-1\",\"figures\":{\"total\":48213}}".getBytes(StandardCharsets.UTF_8);
    private static final KeyPair KEY = Ed25519Keys.keyPairFromSeed(new byte[32]);
    private static final Map<String, PublicKey> KEYS = Map.of("disclosure-1", KEY.getPublic());

    @Test
    void signingInputAndSignatureMatchRfc8037AppendixA4() {
        String[] parts = RFC8037_JWS.split("\\.");
        KeyPair key = Ed25519Keys.keyPairFromSeed(Base64.getUrlDecoder().decode(RFC8037_D));
        assertEquals(RFC8037_X, Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519Keys.rawPublicKey(key.getPublic())));

        byte[] input = DetachedJws.signingInput(parts[0], RFC8037_PAYLOAD.getBytes(StandardCharsets.US_ASCII));
        assertEquals(parts[0] + "." + parts[1], new String(input, StandardCharsets.US_ASCII));
        // Ed25519 is deterministic, so the signature must be the RFC's byte for byte.
        assertEquals(parts[2], Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519Keys.sign(key.getPrivate(), input)));
        assertTrue(Ed25519Keys.verify(key.getPublic(), input, Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void detachingTheRfc8037VectorFailsOnlyForItsMissingKid() {
        String[] parts = RFC8037_JWS.split("\\.");
        JwsException e = assertThrows(JwsException.class, () -> DetachedJws.verify(parts[0] + ".." + parts[2],
                RFC8037_PAYLOAD.getBytes(StandardCharsets.US_ASCII), Map.of()));
        assertEquals(MALFORMED, e.reason());
        assertEquals("protected header has no kid", e.getMessage());
    }

    @Test
    void signsWithTheExactCanonicalHeaderAndVerifies() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        String[] parts = jws.split("\\.", -1);
        assertEquals(3, parts.length);
        assertEquals("", parts[1]);
        assertEquals("{\"alg\":\"EdDSA\",\"kid\":\"disclosure-1\"}",
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals(new DetachedJws.Header("EdDSA", "disclosure-1"), DetachedJws.verify(jws, PAYLOAD, KEYS));
        assertEquals(new DetachedJws.Header("EdDSA", "disclosure-1"), DetachedJws.decodeHeader(jws));
    }

    @Test
    void reattachedItIsAnOrdinaryCompactJwsOverTheSameSigningInput() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        String[] parts = jws.split("\\.", -1);
        byte[] input = DetachedJws.signingInput(parts[0], PAYLOAD);
        String attached = new String(input, StandardCharsets.US_ASCII) + "." + parts[2];
        assertEquals(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(PAYLOAD) + "." + parts[2], attached);
        assertTrue(Ed25519Keys.verify(KEY.getPublic(), input, Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void kidsAreEscapedAsJson() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "a\"b\\c");
        String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"EdDSA\",\"kid\":\"a\\\"b\\\\c\"}", header);
        assertEquals("a\"b\\c", DetachedJws.verify(jws, PAYLOAD, Map.of("a\"b\\c", KEY.getPublic())).kid());
    }

    @Test
    void refusesToSignWithoutKid() {
        assertThrows(IllegalArgumentException.class, () -> DetachedJws.sign(PAYLOAD, KEY.getPrivate(), ""));
    }

    @Test
    void rejectsAChangedPayload() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        byte[] changed = PAYLOAD.clone();
        changed[changed.length - 3]++;
        assertRejected(INVALID_SIGNATURE, "signature does not verify over the payload with key \"disclosure-1\"",
                jws, changed, KEYS);
    }

    @Test
    void rejectsAnotherKeyUnderTheKid() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        PublicKey other = Ed25519Keys.generate().getPublic();
        assertRejected(INVALID_SIGNATURE, "signature does not verify over the payload with key \"disclosure-1\"",
                jws, PAYLOAD, Map.of("disclosure-1", other));
    }

    @Test
    void rejectsAnUnknownKid() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-2");
        assertRejected(UNKNOWN_KEY, "no key with kid \"disclosure-2\"", jws, PAYLOAD, KEYS);
    }

    @Test
    void rejectsAKeyThatIsNoCurvePoint() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        assertRejected(INVALID_KEY, "key \"disclosure-1\" is not a valid Ed25519 public key",
                jws, PAYLOAD, Map.of("disclosure-1", notACurvePoint()));
    }

    /** A 32-byte key whose y has no x on the curve: the JDK takes the encoding and rejects it when verifying. */
    static PublicKey notACurvePoint() {
        for (byte y = 2; ; y++) {
            byte[] raw = new byte[32];
            raw[0] = y;
            PublicKey key = Ed25519Keys.publicKeyFromRaw(raw);
            try {
                Ed25519Keys.verify(key, PAYLOAD, new byte[64]);
            } catch (IllegalArgumentException e) {
                return key;
            }
        }
    }

    @Test
    void rejectsEverySingleCharacterChange() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
        for (int i = 0; i < jws.length(); i++) {
            for (int step : new int[] {1, 17, 40}) {
                char replacement = alphabet.charAt((alphabet.indexOf(jws.charAt(i)) + step) % alphabet.length());
                String changed = jws.substring(0, i) + replacement + jws.substring(i + 1);
                assertThrows(JwsException.class, () -> DetachedJws.verify(changed, PAYLOAD, KEYS), changed);
            }
        }
    }

    @Test
    void rejectsTruncationsAndExtensions() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        for (int end = 0; end < jws.length(); end++) {
            String prefix = jws.substring(0, end);
            assertThrows(JwsException.class, () -> DetachedJws.verify(prefix, PAYLOAD, KEYS), prefix);
        }
        assertThrows(JwsException.class, () -> DetachedJws.verify(jws + "A", PAYLOAD, KEYS));
        assertThrows(JwsException.class, () -> DetachedJws.verify(jws + "=", PAYLOAD, KEYS));
        assertThrows(JwsException.class, () -> DetachedJws.verify(jws + "\n", PAYLOAD, KEYS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a..b.c", "...."})
    void rejectsAnythingButThreeParts(String jws) {
        JwsException e = assertThrows(JwsException.class, () -> DetachedJws.verify(jws, PAYLOAD, KEYS));
        assertEquals(MALFORMED, e.reason());
        assertTrue(e.getMessage().startsWith("a compact JWS has 3 parts separated by '.', found "), e.getMessage());
    }

    @Test
    void rejectsAnAttachedPayload() {
        String jws = DetachedJws.sign(PAYLOAD, KEY.getPrivate(), "disclosure-1");
        String[] parts = jws.split("\\.", -1);
        String attached = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(PAYLOAD) + "." + parts[2];
        assertRejected(MALFORMED, "the payload part must be empty (detached payload, RFC 7515 appendix F)",
                attached, PAYLOAD, KEYS);
    }

    @Test
    void rejectsHeadersThatAreNotJsonObjects() {
        assertHeaderRejected(MALFORMED, "protected header is not JSON: ", "{\"alg\":\"EdDSA\",");
        assertHeaderRejected(MALFORMED, "protected header is not JSON: ", "{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"k\"}");
        assertHeaderRejected(MALFORMED, "protected header must be a JSON object, found ARRAY", "[\"EdDSA\"]");
        assertRejected(MALFORMED, "protected header is not UTF-8",
                b64(new byte[] {'{', (byte) 0xff, '}'}) + ".." + b64(new byte[64]), PAYLOAD, KEYS);
    }

    @Test
    void rejectsOtherAlgorithms() {
        assertHeaderRejected(UNSUPPORTED, "alg must be \"EdDSA\", found \"HS256\"", "{\"alg\":\"HS256\",\"kid\":\"disclosure-1\"}");
        assertHeaderRejected(UNSUPPORTED, "alg must be \"EdDSA\", found \"none\"", "{\"alg\":\"none\",\"kid\":\"disclosure-1\"}");
        assertHeaderRejected(UNSUPPORTED, "alg must be \"EdDSA\", found \"eddsa\"", "{\"alg\":\"eddsa\",\"kid\":\"disclosure-1\"}");
        assertHeaderRejected(UNSUPPORTED, "alg must be \"EdDSA\", found null", "{\"alg\":null,\"kid\":\"disclosure-1\"}");
        assertHeaderRejected(MALFORMED, "protected header has no alg", "{\"kid\":\"disclosure-1\"}");
    }

    @Test
    void rejectsAMissingOrEmptyKid() {
        assertHeaderRejected(MALFORMED, "protected header has no kid", "{\"alg\":\"EdDSA\"}");
        assertHeaderRejected(MALFORMED, "kid must be a non-empty string, found \"\"", "{\"alg\":\"EdDSA\",\"kid\":\"\"}");
        assertHeaderRejected(MALFORMED, "kid must be a non-empty string, found 7", "{\"alg\":\"EdDSA\",\"kid\":7}");
    }

    @Test
    void rejectsCriticalExtensionsAndUnencodedPayloads() {
        assertHeaderRejected(UNSUPPORTED, "protected header has crit [\"exp\"], but no critical extension is supported",
                "{\"alg\":\"EdDSA\",\"crit\":[\"exp\"],\"exp\":1,\"kid\":\"disclosure-1\"}");
        assertHeaderRejected(UNSUPPORTED, "protected header has crit [\"b64\"], but no critical extension is supported",
                "{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"],\"kid\":\"disclosure-1\"}");
        assertHeaderRejected(UNSUPPORTED, "b64 false (unencoded payload, RFC 7797) is not supported",
                "{\"alg\":\"EdDSA\",\"b64\":false,\"kid\":\"disclosure-1\"}");
    }

    @Test
    void ignoresOtherHeaderMembersAsRfc7515Asks() {
        String header = b64("{\"alg\":\"EdDSA\",\"kid\":\"disclosure-1\",\"typ\":\"JOSE\",\"b64\":true}");
        String jws = header + ".." + b64(Ed25519Keys.sign(KEY.getPrivate(), DetachedJws.signingInput(header, PAYLOAD)));
        assertEquals("disclosure-1", DetachedJws.verify(jws, PAYLOAD, KEYS).kid());
    }

    @Test
    void rejectsSignaturesOfTheWrongLengthOrEncoding() {
        String header = b64("{\"alg\":\"EdDSA\",\"kid\":\"disclosure-1\"}");
        assertRejected(MALFORMED, "an Ed25519 signature has 64 bytes, found 63", header + ".." + b64(new byte[63]), PAYLOAD, KEYS);
        assertRejected(MALFORMED, "signature is empty", header + "..", PAYLOAD, KEYS);
        String padded = header + ".." + Base64.getUrlEncoder().encodeToString(new byte[64]);
        assertRejected(MALFORMED, "signature is not unpadded canonical base64url", padded, PAYLOAD, KEYS);
        String standard = header + ".." + Base64.getEncoder().withoutPadding().encodeToString(new byte[] {-1, -1, -1});
        JwsException e = assertThrows(JwsException.class, () -> DetachedJws.verify(standard, PAYLOAD, KEYS));
        assertTrue(e.getMessage().startsWith("signature is not base64url"), e.getMessage());
    }

    @Test
    void anAllZeroSignatureDoesNotVerify() {
        String header = b64("{\"alg\":\"EdDSA\",\"kid\":\"disclosure-1\"}");
        assertRejected(INVALID_SIGNATURE, "signature does not verify over the payload with key \"disclosure-1\"",
                header + ".." + b64(new byte[64]), PAYLOAD, KEYS);
    }

    private static void assertHeaderRejected(JwsException.Reason reason, String message, String headerJson) {
        String header = b64(headerJson);
        PrivateKey key = KEY.getPrivate();
        String jws = header + ".." + b64(Ed25519Keys.sign(key, DetachedJws.signingInput(header, PAYLOAD)));
        JwsException e = assertThrows(JwsException.class, () -> DetachedJws.verify(jws, PAYLOAD, KEYS));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertThrows(JwsException.class, () -> DetachedJws.decodeHeader(jws));
    }

    private static void assertRejected(JwsException.Reason reason, String message, String jws, byte[] payload,
                                       Map<String, PublicKey> keys) {
        JwsException e = assertThrows(JwsException.class, () -> DetachedJws.verify(jws, payload, keys));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
