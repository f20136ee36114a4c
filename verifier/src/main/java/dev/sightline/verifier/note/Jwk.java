package dev.sightline.verifier.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An Ed25519 public key as an RFC 8037 JSON Web Key ({@code kty} OKP, {@code crv} Ed25519,
 * {@code x} the raw key in unpadded base64url). Serializes as-is with Jackson or via
 * {@link #toMap()}.
 */
public record Jwk(String kty, String crv, String x, String kid, String alg, String use) {

    public static final String KTY = "OKP";
    public static final String CRV = "Ed25519";

    /** The JWK of an Ed25519 public key, for signatures ({@code alg} EdDSA, {@code use} sig). */
    public static Jwk of(PublicKey key, String kid) {
        Objects.requireNonNull(kid, "kid");
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519Keys.rawPublicKey(key));
        return new Jwk(KTY, CRV, x, kid, "EdDSA", "sig");
    }

    /**
     * The public key this JWK describes.
     *
     * @throws IllegalArgumentException unless it is an OKP Ed25519 key with a 32-byte {@code x}
     */
    public PublicKey toPublicKey() {
        if (!KTY.equals(kty) || !CRV.equals(crv) || x == null) {
            throw new IllegalArgumentException("not an Ed25519 OKP key");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(x);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("x is not base64url", e);
        }
        if (x.endsWith("=") || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(x)) {
            throw new IllegalArgumentException("x must be unpadded canonical base64url");
        }
        return Ed25519Keys.publicKeyFromRaw(raw);
    }

    /** The members in conventional order, leaving out absent ones. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("kty", kty);
        map.put("crv", crv);
        map.put("x", x);
        if (kid != null) {
            map.put("kid", kid);
        }
        if (alg != null) {
            map.put("alg", alg);
        }
        if (use != null) {
            map.put("use", use);
        }
        return map;
    }

    /**
     * The RFC 7638 JWK thumbprint: the unpadded base64url SHA-256 of the required members in
     * lexicographic order without whitespace, {@code {"crv":"Ed25519","kty":"OKP","x":"..."}}
     * (RFC 8037 appendix A.3). A key's fingerprint, whatever its {@code kid}.
     */
    public String thumbprint() {
        toPublicKey(); // only a valid Ed25519 key has one
        String required = "{\"crv\":\"" + crv + "\",\"kty\":\"" + kty + "\",\"x\":\"" + x + "\"}";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(required.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** The thumbprint of an Ed25519 public key. */
    public static String thumbprint(PublicKey key) {
        return of(key, "").thumbprint();
    }
}
