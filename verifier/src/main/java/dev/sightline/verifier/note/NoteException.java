package dev.sightline.verifier.note;

/** A signed note could not be opened; {@link #reason()} says why. */
public final class NoteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a note was rejected. */
    public enum Reason {
        /** Not in signed-note syntax (or text that cannot be signed). */
        MALFORMED,
        /** Well-formed, but no signature by any of the given keys. */
        NO_KNOWN_SIGNATURE,
        /** A signature by one of the given keys does not verify. */
        INVALID_SIGNATURE,
        /** Two different given keys share both name and key id, so a signature cannot be attributed. */
        AMBIGUOUS_KEY
    }

    private final Reason reason;

    public NoteException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
