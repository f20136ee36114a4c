package dev.sightline.verifier.jws;

/** A detached JWS was rejected; {@link #reason()} says which part is at fault. */
public final class JwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a JWS was rejected. */
    public enum Reason {
        /** Not a compact JWS with detached payload, or a part that does not decode. */
        MALFORMED,
        /** Well-formed, but asks for something this implementation does not do (another alg, {@code crit}, {@code b64}). */
        UNSUPPORTED,
        /** The header names a {@code kid} that no given key has. */
        UNKNOWN_KEY,
        /** The key of the header's {@code kid} is not a usable Ed25519 public key (e.g. not a curve point). */
        INVALID_KEY,
        /** The signature does not verify over the payload with the key of its {@code kid}. */
        INVALID_SIGNATURE
    }

    private final Reason reason;

    public JwsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public JwsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
