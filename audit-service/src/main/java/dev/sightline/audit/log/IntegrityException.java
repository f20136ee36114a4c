package dev.sightline.audit.log;

/**
 * The stored tree disagrees with what was signed: a new checkpoint would not be consistent with the last one.
 * {@link #position()} is the first entry the disagreement concerns (the start of a wrong subtree's range, or a
 * wrong entry's seq).
 */
class IntegrityException extends Exception {
    private final long position;

    IntegrityException(String message, long position) {
        super(message);
        this.position = position;
    }

    long position() {
        return position;
    }
}
