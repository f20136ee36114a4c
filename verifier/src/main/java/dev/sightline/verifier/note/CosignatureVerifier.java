package dev.sightline.verifier.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import static dev.sightline.verifier.note.NoteException.Reason.INVALID_SIGNATURE;
import static dev.sightline.verifier.note.NoteException.Reason.NO_KNOWN_SIGNATURE;

/**
 * The public key of a witness (a cosigner), checking c2sp.org/tlog-cosignature {@code cosignature/v1}
 * Ed25519 cosignatures. Its verifier key is {@code <name>+<hex key id>+<base64(0x04 || public key)>}, the
 * key id the first 4 bytes of {@code SHA-256(name || 0x0A || 0x04 || public key)}.
 *
 * <p>A cosignature is a note signature line whose bytes are the key id, an 8-byte big-endian POSIX
 * timestamp and a 64-byte Ed25519 signature of
 * {@code "cosignature/v1\ntime <timestamp>\n" || checkpoint body}. It states that, at that time, the
 * checkpoint was the largest consistent tree head the witness had seen for the log.
 */
public final class CosignatureVerifier {

    /** Signature type byte of Ed25519 {@code cosignature/v1} in c2sp.org/signed-note. */
    public static final byte ALG_COSIGNATURE_V1 = 0x04;
    /** Bytes of a timestamped signature: the timestamp and the Ed25519 signature. */
    public static final int SIGNATURE_SIZE = 8 + Ed25519Keys.SIGNATURE_SIZE;

    private final String name;
    private final byte[] rawPublicKey;
    private final PublicKey publicKey;
    private final int keyId;

    private CosignatureVerifier(String name, byte[] rawPublicKey) {
        NoteVerifier.requireName(name);
        this.name = name;
        this.publicKey = Ed25519Keys.publicKeyFromRaw(rawPublicKey);
        this.rawPublicKey = rawPublicKey.clone();
        this.keyId = keyId(name, rawPublicKey);
    }

    /** The verifier for a witness's raw 32-byte Ed25519 public key under its name. */
    public static CosignatureVerifier ofRaw(String name, byte[] rawPublicKey) {
        return new CosignatureVerifier(name, rawPublicKey);
    }

    /** The verifier for a witness's Ed25519 public key under its name. */
    public static CosignatureVerifier of(String name, PublicKey publicKey) {
        return new CosignatureVerifier(name, Ed25519Keys.rawPublicKey(publicKey));
    }

    /**
     * Parses {@code <name>+<hex8>+<base64(0x04 || key)>}: signature type {@code cosignature/v1}, a key id
     * that matches the key, canonical base64.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CosignatureVerifier parse(String encoded) {
        VerifierKeyText.Parsed key = VerifierKeyText.parse(encoded, ALG_COSIGNATURE_V1, "cosignature/v1",
                "witness key");
        return new CosignatureVerifier(key.name(), key.rawPublicKey());
    }

    /** The key id: the first 4 bytes, big-endian, of {@code SHA-256(name || 0x0A || 0x04 || public key)}. */
    public static int keyId(String name, byte[] rawPublicKey) {
        return VerifierKeyText.keyId(name, ALG_COSIGNATURE_V1, rawPublicKey);
    }

    /**
     * The message a cosignature signs: {@code cosignature/v1}, {@code time <timestamp>} and the checkpoint body.
     *
     * @throws IllegalArgumentException for a negative timestamp or a body that is not a checkpoint's
     */
    public static byte[] signedMessage(long timestamp, String checkpointBody) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature timestamp lies between 0 and 2^63 - 1");
        }
        Checkpoint.parse(checkpointBody);
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointBody).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Finds this witness's cosignature among the signatures of an opened note and checks it.
     *
     * @return the valid cosignature with its time
     * @throws NoteException {@code NO_KNOWN_SIGNATURE} when none bears this witness's name and key id,
     *         {@code INVALID_SIGNATURE} when one does but does not verify over the note's text
     */
    public Cosignature verify(SignedNote note) {
        Objects.requireNonNull(note, "note");
        List<NoteSignature> candidates = note.unverified().stream()
                .filter(s -> s.name().equals(name) && s.keyId() == keyId).toList();
        if (candidates.isEmpty()) {
            throw new NoteException(NO_KNOWN_SIGNATURE, "no cosignature by witness " + name + "+" + keyIdHex());
        }
        for (NoteSignature signature : candidates) {
            byte[] raw = Base64.getDecoder().decode(signature.base64());
            long timestamp = verify(note.text(), Arrays.copyOfRange(raw, 4, raw.length));
            if (timestamp < 0) {
                throw new NoteException(INVALID_SIGNATURE, "invalid cosignature by witness " + name + "+" + keyIdHex());
            }
        }
        NoteSignature first = candidates.get(0);
        byte[] raw = Base64.getDecoder().decode(first.base64());
        return new Cosignature(first, ByteBuffer.wrap(raw, 4, 8).getLong());
    }

    /**
     * Checks a timestamped signature (timestamp and Ed25519 signature, without the key id) over a checkpoint body.
     *
     * @return its timestamp, or -1 when it does not verify (a timestamp above 2^63 - 1 never does)
     */
    public long verify(String checkpointBody, byte[] timestampedSignature) {
        if (timestampedSignature == null || timestampedSignature.length != SIGNATURE_SIZE) {
            return -1;
        }
        long timestamp = ByteBuffer.wrap(timestampedSignature).getLong();
        byte[] message;
        try {
            message = signedMessage(timestamp, checkpointBody);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return Ed25519Keys.verify(publicKey, message, Arrays.copyOfRange(timestampedSignature, 8, SIGNATURE_SIZE))
                ? timestamp : -1;
    }

    public String name() {
        return name;
    }

    /** The 4-byte key id as an int (compare unsigned). */
    public int keyId() {
        return keyId;
    }

    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    public byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    /** {@code <name>+<hex8>+<base64(0x04 || public key)>}. */
    public String encoded() {
        return VerifierKeyText.encode(name, ALG_COSIGNATURE_V1, rawPublicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosignatureVerifier other && name.equals(other.name)
                && Arrays.equals(rawPublicKey, other.rawPublicKey);
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
