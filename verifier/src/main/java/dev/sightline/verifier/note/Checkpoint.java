package dev.sightline.verifier.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A c2sp.org/tlog-checkpoint: the note text that commits a log to its tree head.
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal&gt;
 * &lt;base64 root hash&gt;
 * [extension lines]
 * </pre>
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    private static final int HASH_SIZE = 32;

    public Checkpoint {
        requireLine(origin, "origin");
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative");
        }
        if (rootHash == null || rootHash.length != HASH_SIZE) {
            throw new IllegalArgumentException("root hash must have " + HASH_SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        extensions.forEach(line -> requireLine(line, "extension line"));
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /**
     * Parses a checkpoint body strictly: at least three lines, each non-empty and ending in a
     * newline; a decimal size without sign or leading zeros; canonical padded base64 of 32
     * bytes for the root.
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    public static Checkpoint parse(String body) {
        Objects.requireNonNull(body, "body");
        if (!body.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint must end with a newline");
        }
        List<String> lines = Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new IllegalArgumentException("checkpoint needs origin, size and root hash lines");
        }
        String sizeLine = lines.get(1);
        if (!sizeLine.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("tree size must be decimal without sign or leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(sizeLine);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tree size is too large", e);
        }
        byte[] root = NoteText.decodeBase64(lines.get(2));
        if (root == null || root.length != HASH_SIZE) {
            throw new IllegalArgumentException("root hash must be base64 of 32 bytes");
        }
        return new Checkpoint(lines.get(0), size, root, new ArrayList<>(lines.subList(3, lines.size())));
    }

    /** Opens a signed checkpoint note with the given keys and parses its text. */
    public static Checkpoint open(String note, Collection<NoteVerifier> verifiers) {
        return parse(SignedNote.open(note, verifiers).text());
    }

    /** {@link #open(String, Collection)} with the verifiers as varargs. */
    public static Checkpoint open(String note, NoteVerifier... verifiers) {
        return open(note, Arrays.asList(verifiers));
    }

    /** The note text: origin, size and base64 root, each followed by a newline, then the extension lines. */
    public String toBody() {
        StringBuilder body = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(rootHashBase64()).append('\n');
        extensions.forEach(line -> body.append(line).append('\n'));
        return body.toString();
    }

    /** The signed note of this checkpoint. */
    public String sign(NoteSigner... signers) {
        return SignedNote.sign(toBody(), signers);
    }

    public String rootHashBase64() {
        return Base64.getEncoder().encodeToString(rootHash);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    // Records compare arrays by identity; a checkpoint is a value.
    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other && origin.equals(other.origin) && size == other.size
                && Arrays.equals(rootHash, other.rootHash) && extensions.equals(other.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return "Checkpoint[origin=" + origin + ", size=" + size + ", rootHash=" + rootHashBase64()
                + ", extensions=" + extensions + "]";
    }

    private static void requireLine(String line, String what) {
        Objects.requireNonNull(line, what);
        if (line.isEmpty() || line.indexOf('\n') >= 0 || !NoteText.isValidNoteText(line)) {
            throw new IllegalArgumentException(what + " must be a non-empty line without control characters");
        }
    }
}
