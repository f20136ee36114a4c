package dev.sightline.verifier.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 note verifier key: a key name and public key, identified in signatures by a
 * 4-byte key id, and written as {@code <name>+<hex key id>+<base64(0x01 || public key)>}
 * (the format of golang.org/x/mod/sumdb/note and c2sp.org/signed-note).
 */
public final class NoteVerifier {

    /** Signature type byte of Ed25519 in c2sp.org/signed-note. */
    public static final byte ALG_ED25519 = 0x01;

    private final String name;
    private final byte[] rawPublicKey;
    private final PublicKey publicKey;
    private final int keyId;

    private NoteVerifier(String name, byte[] rawPublicKey, PublicKey publicKey) {
        this.name = name;
        this.rawPublicKey = rawPublicKey;
        this.publicKey = publicKey;
        this.keyId = keyId(name, rawPublicKey);
    }

    /** The verifier for an Ed25519 public key under a key name. */
    public static NoteVerifier of(String name, PublicKey publicKey) {
        requireName(name);
        byte[] raw = Ed25519Keys.rawPublicKey(publicKey);
        return new NoteVerifier(name, raw, Ed25519Keys.publicKeyFromRaw(raw));
    }

    /** The verifier for a raw 32-byte Ed25519 public key under a key name. */
    public static NoteVerifier ofRaw(String name, byte[] rawPublicKey) {
        requireName(name);
        return new NoteVerifier(name, rawPublicKey.clone(), Ed25519Keys.publicKeyFromRaw(rawPublicKey));
    }

    /**
     * Parses {@code <name>+<hex8>+<base64>}; the key id must match the key, the algorithm
     * must be Ed25519 and the base64 must be canonical.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static NoteVerifier parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        int first = encoded.indexOf('+');
        int second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("verifier key must be <name>+<hex key id>+<base64 key>");
        }
        String name = encoded.substring(0, first);
        String hexId = encoded.substring(first + 1, second);
        byte[] key = NoteText.decodeBase64(encoded.substring(second + 1));
        if (!NoteText.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid key name in verifier key");
        }
        if (!hexId.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("verifier key id must be 8 lowercase hex digits");
        }
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("verifier key is not canonical base64");
        }
        if (Integer.parseUnsignedInt(hexId, 16) != keyIdOfEncodedKey(name, key)) {
            throw new IllegalArgumentException("verifier key id does not match the key");
        }
        if (key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("unknown verifier algorithm " + (key[0] & 0xff));
        }
        if (key.length != 1 + Ed25519Keys.KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 verifier key must hold 32 bytes");
        }
        return ofRaw(name, Arrays.copyOfRange(key, 1, key.length));
    }

    /**
     * The key id: the first 4 bytes, big-endian, of
     * {@code SHA-256(name || 0x0A || 0x01 || 32-byte public key)}.
     */
    public static int keyId(String name, byte[] rawPublicKey) {
        byte[] encoded = new byte[1 + rawPublicKey.length];
        encoded[0] = ALG_ED25519;
        System.arraycopy(rawPublicKey, 0, encoded, 1, rawPublicKey.length);
        return keyIdOfEncodedKey(name, encoded);
    }

    private static int keyIdOfEncodedKey(String name, byte[] algAndKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(algAndKey);
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static void requireName(String name) {
        if (!NoteText.isValidKeyName(name)) {
            throw new IllegalArgumentException("key name must be non-empty, without spaces or '+': " + name);
        }
    }

    public String name() {
        return name;
    }

    /** The 4-byte key id as an int (compare unsigned). */
    public int keyId() {
        return keyId;
    }

    /** The key id as 8 lowercase hex digits, as in verifier keys. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    /** {@code <name>+<hex8>+<base64(0x01 || public key)>}. */
    public String encoded() {
        byte[] key = new byte[1 + rawPublicKey.length];
        key[0] = ALG_ED25519;
        System.arraycopy(rawPublicKey, 0, key, 1, rawPublicKey.length);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code signature} (64 bytes, without the key id) signs {@code message} under this key. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519Keys.verify(publicKey, message, signature);
    }

    /** This key as a JWK whose {@code kid} is the note key id in hex, so JWKS and notes name a key alike. */
    public Jwk jwk() {
        return Jwk.of(publicKey, keyIdHex());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifier other && name.equals(other.name) && Arrays.equals(rawPublicKey, other.rawPublicKey);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(rawPublicKey);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
