package dev.sightline.verifier.witness;

import dev.sightline.verifier.merkle.Merkle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The body of a c2sp.org/tlog-witness {@code add-checkpoint} request: the size of the checkpoint the witness is
 * believed to hold, the RFC 9162 consistency proof from it to the new checkpoint, and the new signed checkpoint.
 *
 * <pre>
 * old &lt;size&gt;
 * &lt;base64 proof hash&gt;   (0 to 63 lines)
 *
 * &lt;signed checkpoint note&gt;
 * </pre>
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> proof, String note) {

    /** The most consistency proof lines a request may carry. */
    public static final int MAX_PROOF_LINES = 63;

    public AddCheckpointRequest {
        if (oldSize < 0) {
            throw new IllegalArgumentException("old size must not be negative");
        }
        proof = List.copyOf(proof);
        if (proof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("a consistency proof has at most " + MAX_PROOF_LINES + " hashes");
        }
        proof.forEach(hash -> {
            if (hash.length != Merkle.HASH_SIZE) {
                throw new IllegalArgumentException("every proof hash has " + Merkle.HASH_SIZE + " bytes");
            }
        });
        Objects.requireNonNull(note, "note");
    }

    /**
     * Parses a request body strictly: an {@code old} line with a decimal size without leading zeros, up to 63 lines
     * of canonical base64 of 32 bytes, a blank line, then the note (checked later, when it is opened).
     *
     * @throws IllegalArgumentException naming the first problem
     */
    public static AddCheckpointRequest parse(String body) {
        Objects.requireNonNull(body, "body");
        int blank = body.indexOf("\n\n");
        if (blank < 0) {
            throw new IllegalArgumentException("the body needs an old size line, the proof lines, a blank line and the checkpoint");
        }
        String[] lines = body.substring(0, blank).split("\n", -1);
        String old = lines[0];
        if (!old.matches("old (0|[1-9][0-9]{0,18})")) {
            throw new IllegalArgumentException("the first line must be 'old <size>', the size in decimal without leading zeros");
        }
        long oldSize;
        try {
            oldSize = Long.parseLong(old.substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the old size is too large", e);
        }
        if (lines.length - 1 > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " consistency proof lines");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            byte[] hash = decodeHash(lines[i]);
            if (hash == null) {
                throw new IllegalArgumentException("consistency proof line " + i + " is not the base64 of a 32-byte hash");
            }
            proof.add(hash);
        }
        String note = body.substring(blank + 2);
        if (note.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint is missing after the blank line");
        }
        return new AddCheckpointRequest(oldSize, proof, note);
    }

    /** The request body. */
    public String toBody() {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        proof.forEach(hash -> body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        return body.append('\n').append(note).toString();
    }

    private static byte[] decodeHash(String line) {
        try {
            byte[] hash = Base64.getDecoder().decode(line);
            return hash.length == Merkle.HASH_SIZE && Base64.getEncoder().encodeToString(hash).equals(line) ? hash : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
