package dev.sightline.verifier.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.json.CanonicalJsonException;
import dev.sightline.verifier.note.Ed25519Keys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import static dev.sightline.verifier.jws.JwsException.Reason.INVALID_KEY;
import static dev.sightline.verifier.jws.JwsException.Reason.INVALID_SIGNATURE;
import static dev.sightline.verifier.jws.JwsException.Reason.MALFORMED;
import static dev.sightline.verifier.jws.JwsException.Reason.UNKNOWN_KEY;
import static dev.sightline.verifier.jws.JwsException.Reason.UNSUPPORTED;

/**
 * A compact JWS with detached payload (RFC 7515 appendix F), signed with {@code EdDSA} over
 * Ed25519 (RFC 8037):
 *
 * <pre>
 * BASE64URL(protected header) '.' '' '.' BASE64URL(signature)
 * </pre>
 *
 * The signature covers {@code ASCII(BASE64URL(header) '.' BASE64URL(payload))} exactly as in
 * an attached JWS (the payload is base64url-encoded for signing, no RFC 7797 {@code b64}), so
 * putting the encoded payload back between the dots gives an ordinary compact JWS that any
 * JOSE library verifies.
 *
 * <p>The header written is exactly {@code {"alg":"EdDSA","kid":"<kid>"}} in RFC 8785 form.
 * Verification takes any header that is a JSON object with {@code alg} {@code EdDSA} and a
 * non-empty string {@code kid}; it rejects {@code crit} (no extension is understood) and a
 * {@code b64} other than {@code true}, and ignores other members as RFC 7515 section 4 asks.
 * Base64url must be unpadded and canonical, so every JWS has exactly one accepted spelling.
 */
public final class DetachedJws {

    /** The one algorithm used and accepted. */
    public static final String ALG = "EdDSA";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private DetachedJws() {
    }

    /** The protected header members that verification relies on. */
    public record Header(String alg, String kid) {
    }

    /**
     * Signs {@code payload} and returns {@code <b64url(header)>..<b64url(signature)>}.
     *
     * @throws IllegalArgumentException if {@code kid} is empty or the key is not Ed25519
     */
    public static String sign(byte[] payload, PrivateKey key, String kid) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kid, "kid");
        if (kid.isEmpty()) {
            throw new IllegalArgumentException("kid must not be empty");
        }
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("alg", ALG).put("kid", kid);
        String encodedHeader = B64URL.encodeToString(CanonicalJson.canonicalize(header));
        byte[] signature = Ed25519Keys.sign(key, signingInput(encodedHeader, payload));
        return encodedHeader + ".." + B64URL.encodeToString(signature);
    }

    /**
     * Checks the JWS's form and header without verifying the signature: the first step of
     * {@link #verify}, for callers that must look the key up by {@code kid} themselves.
     *
     * @throws JwsException ({@code MALFORMED} or {@code UNSUPPORTED}) naming the first problem
     */
    public static Header decodeHeader(String compactJws) {
        return split(compactJws).header();
    }

    /**
     * Verifies a detached JWS over {@code payload} with the key that {@code keysByKid} holds
     * for the header's {@code kid}.
     *
     * @return the verified header
     * @throws JwsException naming the first problem: form or header ({@code MALFORMED},
     *         {@code UNSUPPORTED}), no key for the kid ({@code UNKNOWN_KEY}), a key that is
     *         not a valid Ed25519 public key ({@code INVALID_KEY}) or a signature that does
     *         not verify ({@code INVALID_SIGNATURE})
     */
    public static Header verify(String compactJws, byte[] payload, Map<String, PublicKey> keysByKid) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(keysByKid, "keysByKid");
        Parts parts = split(compactJws);
        String kid = parts.header().kid();
        PublicKey key = keysByKid.get(kid);
        if (key == null) {
            throw new JwsException(UNKNOWN_KEY, "no key with kid " + quote(kid));
        }
        boolean valid;
        try {
            valid = Ed25519Keys.verify(key, signingInput(parts.encodedHeader(), payload), parts.signature());
        } catch (IllegalArgumentException e) {
            throw new JwsException(INVALID_KEY, "key " + quote(kid) + " is not a valid Ed25519 public key", e);
        }
        if (!valid) {
            throw new JwsException(INVALID_SIGNATURE, "signature does not verify over the payload with key " + quote(kid));
        }
        return parts.header();
    }

    /** {@code ASCII(encodedHeader '.' BASE64URL(payload))}: the bytes an RFC 7515 signature covers. */
    public static byte[] signingInput(String encodedHeader, byte[] payload) {
        return (encodedHeader + "." + B64URL.encodeToString(payload)).getBytes(StandardCharsets.US_ASCII);
    }

    private record Parts(String encodedHeader, Header header, byte[] signature) {
    }

    private static Parts split(String compactJws) {
        Objects.requireNonNull(compactJws, "compactJws");
        String[] parts = compactJws.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwsException(MALFORMED, "a compact JWS has 3 parts separated by '.', found " + parts.length);
        }
        if (!parts[1].isEmpty()) {
            throw new JwsException(MALFORMED, "the payload part must be empty (detached payload, RFC 7515 appendix F)");
        }
        Header header = parseHeader(decode(parts[0], "protected header"));
        byte[] signature = decode(parts[2], "signature");
        if (signature.length != Ed25519Keys.SIGNATURE_SIZE) {
            throw new JwsException(MALFORMED, "an Ed25519 signature has " + Ed25519Keys.SIGNATURE_SIZE
                    + " bytes, found " + signature.length);
        }
        return new Parts(parts[0], header, signature);
    }

    private static Header parseHeader(byte[] bytes) {
        JsonNode header;
        try {
            String json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            header = CanonicalJson.parse(json);
        } catch (CharacterCodingException e) {
            throw new JwsException(MALFORMED, "protected header is not UTF-8", e);
        } catch (CanonicalJsonException e) {
            throw new JwsException(MALFORMED, "protected header is not JSON: " + e.getMessage(), e);
        }
        if (!header.isObject()) {
            throw new JwsException(MALFORMED, "protected header must be a JSON object, found " + header.getNodeType());
        }
        JsonNode alg = header.get("alg");
        if (alg == null) {
            throw new JwsException(MALFORMED, "protected header has no alg");
        }
        if (!alg.isTextual() || !ALG.equals(alg.textValue())) {
            throw new JwsException(UNSUPPORTED, "alg must be \"" + ALG + "\", found " + alg);
        }
        JsonNode kid = header.get("kid");
        if (kid == null) {
            throw new JwsException(MALFORMED, "protected header has no kid");
        }
        if (!kid.isTextual() || kid.textValue().isEmpty()) {
            throw new JwsException(MALFORMED, "kid must be a non-empty string, found " + kid);
        }
        if (header.has("crit")) {
            throw new JwsException(UNSUPPORTED, "protected header has crit " + header.get("crit")
                    + ", but no critical extension is supported");
        }
        JsonNode b64 = header.get("b64");
        if (b64 != null && !(b64.isBoolean() && b64.booleanValue())) {
            throw new JwsException(UNSUPPORTED, "b64 " + b64 + " (unencoded payload, RFC 7797) is not supported");
        }
        return new Header(ALG, kid.textValue());
    }

    // Unpadded, canonical base64url only: one spelling per value.
    private static byte[] decode(String part, String what) {
        byte[] bytes;
        try {
            bytes = B64URL_DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwsException(MALFORMED, what + " is not base64url: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new JwsException(MALFORMED, what + " is empty");
        }
        if (!B64URL.encodeToString(bytes).equals(part)) {
            throw new JwsException(MALFORMED, what + " is not unpadded canonical base64url");
        }
        return bytes;
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder();
        CanonicalJson.appendString(out, value);
        return out.toString();
    }
}
