package dev.sightline.verifier.note;

import java.time.Instant;

/** A verified {@code cosignature/v1}: its note signature line and the POSIX time the witness cosigned at. */
public record Cosignature(NoteSignature signature, long timestamp) {

    /** The witness's key name. */
    public String name() {
        return signature.name();
    }

    public Instant time() {
        return Instant.ofEpochSecond(timestamp);
    }

    /** The signature line, without the final newline. */
    public String line() {
        return signature.line();
    }
}
