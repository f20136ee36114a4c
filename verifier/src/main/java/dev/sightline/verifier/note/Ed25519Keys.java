package dev.sightline.verifier.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Conversions between the raw RFC 8032 Ed25519 encodings that notes and JWKs use (32-byte
 * public key, 32-byte private seed) and JDK keys, plus signing and verification through the
 * JDK's own Ed25519 implementation.
 */
public final class Ed25519Keys {

    /** Bytes in a raw public key, a private seed. */
    public static final int KEY_SIZE = 32;
    /** Bytes in a signature. */
    public static final int SIGNATURE_SIZE = 64;

    // DER headers of SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo for id-Ed25519 (RFC 8410);
    // the raw key follows them directly.
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    /** A JDK public key from its raw 32-byte encoding. */
    public static PublicKey publicKeyFromRaw(byte[] raw) {
        requireSize(raw, "public key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The raw 32-byte encoding of an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        Objects.requireNonNull(key, "key");
        return stripPrefix(key.getEncoded(), SPKI_PREFIX, "public key");
    }

    /** A JDK private key from its 32-byte RFC 8032 seed. */
    public static PrivateKey privateKeyFromSeed(byte[] seed) {
        requireSize(seed, "seed");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed", e);
        }
    }

    /** The 32-byte seed of an Ed25519 private key. Keep it secret. */
    public static byte[] seed(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        return stripPrefix(key.getEncoded(), PKCS8_PREFIX, "private key");
    }

    /**
     * The key pair of a seed. The JDK has no public "derive public key" call, but its key pair
     * generator takes the seed from the supplied randomness, so a source that yields exactly
     * the seed derives the public key with the JDK's own code. The result is checked by a
     * signature round trip, so a provider that draws randomness differently cannot go
     * unnoticed.
     */
    public static KeyPair keyPairFromSeed(byte[] seed) {
        requireSize(seed, "seed");
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
        PrivateKey privateKey = privateKeyFromSeed(seed);
        byte[] probe = "sightline key derivation check".getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(seed(pair.getPrivate()), seed) || !verify(pair.getPublic(), probe, sign(privateKey, probe))) {
            throw new IllegalStateException("the Ed25519 provider did not derive the key pair from the seed");
        }
        return new KeyPair(pair.getPublic(), privateKey);
    }

    /** A fresh key pair from the platform's strong randomness. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** A 64-byte Ed25519 signature of {@code message}. */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message}; malformed input is simply invalid. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification failed", e);
        }
    }

    private static byte[] stripPrefix(byte[] encoded, byte[] prefix, String what) {
        if (encoded == null || encoded.length != prefix.length + KEY_SIZE
                || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not an Ed25519 " + what);
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static void requireSize(byte[] bytes, String what) {
        if (bytes == null || bytes.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 " + what + " has " + KEY_SIZE + " bytes");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** "Randomness" that replays a fixed seed; only ever handed to the key pair generator. */
    private static final class FixedBytes extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
