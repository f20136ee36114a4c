package dev.sightline.verifier.note;

/**
 * One signature line of a note: {@code — <name> <base64>}, where the base64 holds the 4-byte
 * key id followed by the signature.
 */
public record NoteSignature(String name, int keyId, String base64) {

    /** The key id as 8 lowercase hex digits. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    /** The line as it appears in a note, without the final newline. */
    public String line() {
        return SignedNote.SIGNATURE_PREFIX + name + " " + base64;
    }
}
