package dev.sightline.verifier.note;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A witness's Ed25519 key, making c2sp.org/tlog-cosignature {@code cosignature/v1} cosignatures of checkpoints.
 * Its private key is written {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x04 || seed)>}.
 * {@link #toString()} never reveals it.
 */
public final class CosignatureSigner {

    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

    private final PrivateKey privateKey;
    private final CosignatureVerifier verifier;

    private CosignatureSigner(String name, KeyPair keyPair) {
        this.privateKey = keyPair.getPrivate();
        this.verifier = CosignatureVerifier.of(name, keyPair.getPublic());
    }

    /** A cosigner for a 32-byte Ed25519 seed. */
    public static CosignatureSigner fromSeed(String name, byte[] seed) {
        return new CosignatureSigner(name, Ed25519Keys.keyPairFromSeed(seed));
    }

    /** A cosigner for a fresh random key. */
    public static CosignatureSigner generate(String name) {
        return new CosignatureSigner(name, Ed25519Keys.generate());
    }

    /**
     * Parses {@code PRIVATE+KEY+<name>+<hex8>+<base64(0x04 || seed)>}; the key id must match the derived public key.
     *
     * @throws IllegalArgumentException naming what is wrong, never the key
     */
    public static CosignatureSigner parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith(PRIVATE_KEY_PREFIX)) {
            throw new IllegalArgumentException("witness private key must start with PRIVATE+KEY+");
        }
        String rest = encoded.substring(PRIVATE_KEY_PREFIX.length());
        int first = rest.indexOf('+');
        int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("witness private key must be PRIVATE+KEY+<name>+<hex key id>+<base64 key>");
        }
        String name = rest.substring(0, first);
        String hexId = rest.substring(first + 1, second);
        byte[] key = NoteText.decodeBase64(rest.substring(second + 1));
        if (!NoteText.isValidKeyName(name) || !hexId.matches("[0-9a-f]{8}") || key == null) {
            throw new IllegalArgumentException("malformed witness private key");
        }
        if (key.length != 1 + Ed25519Keys.KEY_SIZE || key[0] != CosignatureVerifier.ALG_COSIGNATURE_V1) {
            throw new IllegalArgumentException("witness private key is not a cosignature/v1 Ed25519 seed");
        }
        CosignatureSigner signer = fromSeed(name, Arrays.copyOfRange(key, 1, key.length));
        if (signer.verifier.keyId() != Integer.parseUnsignedInt(hexId, 16)) {
            throw new IllegalArgumentException("witness private key id does not match the key");
        }
        return signer;
    }

    /**
     * The cosignature of a checkpoint body at a POSIX time: a note signature whose bytes are the key id, the
     * 8-byte big-endian timestamp and the Ed25519 signature of the {@code cosignature/v1} message.
     */
    public NoteSignature cosign(String checkpointBody, long timestamp) {
        byte[] message = CosignatureVerifier.signedMessage(timestamp, checkpointBody);
        byte[] bytes = ByteBuffer.allocate(4 + CosignatureVerifier.SIGNATURE_SIZE)
                .putInt(verifier.keyId())
                .putLong(timestamp)
                .put(Ed25519Keys.sign(privateKey, message))
                .array();
        return new NoteSignature(verifier.name(), verifier.keyId(), Base64.getEncoder().encodeToString(bytes));
    }

    public String name() {
        return verifier.name();
    }

    /** The public half, to publish as the witness's verifier key. */
    public CosignatureVerifier verifier() {
        return verifier;
    }

    /** {@code PRIVATE+KEY+<name>+<hex8>+<base64(0x04 || seed)>}: a secret, handle as one. */
    public String encodedPrivateKey() {
        byte[] key = new byte[1 + Ed25519Keys.KEY_SIZE];
        key[0] = CosignatureVerifier.ALG_COSIGNATURE_V1;
        System.arraycopy(Ed25519Keys.seed(privateKey), 0, key, 1, Ed25519Keys.KEY_SIZE);
        return PRIVATE_KEY_PREFIX + verifier.name() + "+" + verifier.keyIdHex() + "+"
                + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String toString() {
        return "CosignatureSigner[" + verifier.encoded() + "]";
    }
}
