package dev.sightline.verifier.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 note signing key under a key name. The matching public half is
 * {@link #verifier()}. {@link #toString()} never reveals the private key.
 */
public final class NoteSigner {

    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final PrivateKey privateKey;
    private final NoteVerifier verifier;

    private NoteSigner(String name, KeyPair keyPair) {
        NoteVerifier.requireName(name);
        this.name = name;
        this.privateKey = keyPair.getPrivate();
        this.verifier = NoteVerifier.of(name, keyPair.getPublic());
    }

    /** A signer for a key pair; the pair is checked to belong together. */
    public static NoteSigner of(String name, KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        NoteSigner signer = new NoteSigner(name, keyPair);
        byte[] probe = "sightline key pair check\n".getBytes(StandardCharsets.UTF_8);
        if (!signer.verifier.verify(probe, Ed25519Keys.sign(signer.privateKey, probe))) {
            throw new IllegalArgumentException("private and public key do not belong together");
        }
        return signer;
    }

    /** A signer for a 32-byte Ed25519 seed (the RFC 8032 private key). */
    public static NoteSigner fromSeed(String name, byte[] seed) {
        return new NoteSigner(name, Ed25519Keys.keyPairFromSeed(seed));
    }

    /** A signer for a fresh random key. */
    public static NoteSigner generate(String name) {
        return new NoteSigner(name, Ed25519Keys.generate());
    }

    /**
     * Parses a Go-style signer key {@code PRIVATE+KEY+<name>+<hex8>+<base64(0x01 || seed)>};
     * the key id must match the derived public key.
     */
    public static NoteSigner parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith(PRIVATE_KEY_PREFIX)) {
            throw new IllegalArgumentException("signer key must start with PRIVATE+KEY+");
        }
        String rest = encoded.substring(PRIVATE_KEY_PREFIX.length());
        int first = rest.indexOf('+');
        int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("signer key must be PRIVATE+KEY+<name>+<hex key id>+<base64 key>");
        }
        String name = rest.substring(0, first);
        String hexId = rest.substring(first + 1, second);
        byte[] key = NoteText.decodeBase64(rest.substring(second + 1));
        if (!NoteText.isValidKeyName(name) || !hexId.matches("[0-9a-f]{8}") || key == null) {
            throw new IllegalArgumentException("malformed signer key");
        }
        if (key.length == 0 || key[0] != NoteVerifier.ALG_ED25519 || key.length != 1 + Ed25519Keys.KEY_SIZE) {
            throw new IllegalArgumentException("signer key is not an Ed25519 seed");
        }
        NoteSigner signer = fromSeed(name, Arrays.copyOfRange(key, 1, key.length));
        if (signer.keyId() != Integer.parseUnsignedInt(hexId, 16)) {
            throw new IllegalArgumentException("signer key id does not match the key");
        }
        return signer;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return verifier.keyId();
    }

    /** The public half, to publish. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** {@code PRIVATE+KEY+<name>+<hex8>+<base64(0x01 || seed)>}: a secret, handle as one. */
    public String encodedPrivateKey() {
        byte[] key = new byte[1 + Ed25519Keys.KEY_SIZE];
        key[0] = NoteVerifier.ALG_ED25519;
        System.arraycopy(Ed25519Keys.seed(privateKey), 0, key, 1, Ed25519Keys.KEY_SIZE);
        return PRIVATE_KEY_PREFIX + name + "+" + verifier.keyIdHex() + "+" + Base64.getEncoder().encodeToString(key);
    }

    /** The signed note for {@code text}: see {@link SignedNote#sign}. */
    public String sign(String text) {
        return SignedNote.sign(text, this);
    }

    /** {@code keyId (4 bytes, big-endian) || Ed25519 signature (64 bytes)} over the UTF-8 text. */
    byte[] signatureBytes(byte[] text) {
        return ByteBuffer.allocate(4 + Ed25519Keys.SIGNATURE_SIZE)
                .putInt(keyId())
                .put(Ed25519Keys.sign(privateKey, text))
                .array();
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.encoded() + "]";
    }
}
