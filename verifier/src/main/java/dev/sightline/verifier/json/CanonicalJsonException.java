package dev.sightline.verifier.json;

/** The input is not JSON that RFC 8785 can canonicalize (malformed, duplicate keys, NaN, lone surrogates ...). */
public final class CanonicalJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CanonicalJsonException(String message) {
        super(message);
    }

    public CanonicalJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
