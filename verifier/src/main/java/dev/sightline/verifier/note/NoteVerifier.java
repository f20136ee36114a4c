package dev.sightline.verifier.note;

import java.security.PublicKey;
import java.util.Arrays;

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
        VerifierKeyText.Parsed key = VerifierKeyText.parse(encoded, ALG_ED25519, "Ed25519", "verifier key");
        return ofRaw(key.name(), key.rawPublicKey());
    }

    /**
     * The key id: the first 4 bytes, big-endian, of
     * {@code SHA-256(name || 0x0A || 0x01 || 32-byte public key)}.
     */
    public static int keyId(String name, byte[] rawPublicKey) {
        return VerifierKeyText.keyId(name, ALG_ED25519, rawPublicKey);
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
        return VerifierKeyText.encode(name, ALG_ED25519, rawPublicKey);
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
