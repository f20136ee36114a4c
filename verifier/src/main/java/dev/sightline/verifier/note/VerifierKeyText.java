package dev.sightline.verifier.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The c2sp.org/signed-note verifier key text, {@code <name>+<hex key id>+<base64(type || public key)>}, shared by
 * note keys (type {@code 0x01}) and witness keys (type {@code 0x04}): the key id is the first 4 bytes, big-endian,
 * of {@code SHA-256(name || 0x0A || type || public key)}.
 */
final class VerifierKeyText {
    private VerifierKeyText() {
    }

    /**
     * The raw 32-byte Ed25519 public key and name of a verifier key of the given type; {@code what} names the key
     * in messages ("verifier key", "witness key").
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Parsed parse(String encoded, byte type, String typeName, String what) {
        Objects.requireNonNull(encoded, "encoded");
        int first = encoded.indexOf('+');
        int second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException(what + " must be <name>+<hex key id>+<base64 key>");
        }
        String name = encoded.substring(0, first);
        String hexId = encoded.substring(first + 1, second);
        byte[] key = NoteText.decodeBase64(encoded.substring(second + 1));
        if (!NoteText.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid key name in " + what);
        }
        if (!hexId.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException(what + " id must be 8 lowercase hex digits");
        }
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException(what + " is not canonical base64");
        }
        if (key[0] != type) {
            throw new IllegalArgumentException(what + " has signature type " + (key[0] & 0xff) + ", not " + type
                    + " (" + typeName + ")");
        }
        if (key.length != 1 + Ed25519Keys.KEY_SIZE) {
            throw new IllegalArgumentException(typeName + " " + what + " must hold 32 bytes");
        }
        byte[] raw = Arrays.copyOfRange(key, 1, key.length);
        if (Integer.parseUnsignedInt(hexId, 16) != keyId(name, type, raw)) {
            throw new IllegalArgumentException(what + " id does not match the key");
        }
        return new Parsed(name, raw);
    }

    static int keyId(String name, byte type, byte[] rawPublicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(type);
            sha256.update(rawPublicKey);
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static String encode(String name, byte type, byte[] rawPublicKey) {
        byte[] key = new byte[1 + rawPublicKey.length];
        key[0] = type;
        System.arraycopy(rawPublicKey, 0, key, 1, rawPublicKey.length);
        return name + "+" + String.format("%08x", keyId(name, type, rawPublicKey)) + "+"
                + Base64.getEncoder().encodeToString(key);
    }

    record Parsed(String name, byte[] rawPublicKey) {
    }
}
