package dev.sightline.disclosure.verification;

import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.support.security.KeyFiles;
import dev.sightline.verifier.jws.DetachedJws;
import dev.sightline.verifier.note.Ed25519Keys;
import dev.sightline.verifier.note.Jwk;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The Ed25519 key that signs published reports (detached JWS, EdDSA). Its {@code kid} is the RFC 7638 thumbprint
 * of its public JWK, so anyone can recompute it from the published key. The seed comes from configuration; only
 * dev, test and the local run may generate one, kept in a file so restarts sign with the same key.
 */
@ApplicationScoped
public class SigningKey {
    private final KeyPair keys;
    private final Jwk jwk;

    SigningKey(DisclosureConfig config) {
        this.keys = Ed25519Keys.keyPairFromSeed(loadSeed(config.signing()));
        Jwk plain = Jwk.of(keys.getPublic(), "-");
        this.jwk = new Jwk(plain.kty(), plain.crv(), plain.x(), thumbprint(plain.x()), plain.alg(), plain.use());
        Log.infof("Disclosures are signed with key %s", jwk.kid());
    }

    public String sign(byte[] payload) {
        return DetachedJws.sign(payload, keys.getPrivate(), jwk.kid());
    }

    public Jwk jwk() {
        return jwk;
    }

    /**
     * RFC 7638 thumbprint of an Ed25519 JWK: base64url SHA-256 of the required members in lexicographic order, no
     * whitespace. This key's kid, and the log key's fingerprint a report prints.
     */
    public static String thumbprint(String x) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] loadSeed(DisclosureConfig.Signing signing) {
        if (signing.key().isPresent() && !signing.key().get().isBlank()) {
            return decode(signing.key().get().strip(), "sightline.disclosure.signing.key");
        }
        Path file = signing.keyFile().map(Path::of).orElseThrow(() -> new IllegalStateException(
                "No disclosure signing key: set DISCLOSURE_SIGNING_KEY (base64url Ed25519 seed) or "
                        + "DISCLOSURE_SIGNING_KEY_FILE"));
        String seed = KeyFiles.readOrCreate(file, signing.generateIfMissing(), () -> {
            byte[] fresh = new byte[Ed25519Keys.KEY_SIZE];
            new SecureRandom().nextBytes(fresh);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(fresh);
        }, "Disclosure signing key");
        return decode(seed, file.toString());
    }

    private static byte[] decode(String encoded, String where) {
        byte[] seed;
        try {
            seed = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64url", e);
        }
        if (seed.length != Ed25519Keys.KEY_SIZE) {
            throw new IllegalStateException(where + " must hold a 32-byte Ed25519 seed, not " + seed.length + " bytes");
        }
        return seed;
    }
}
