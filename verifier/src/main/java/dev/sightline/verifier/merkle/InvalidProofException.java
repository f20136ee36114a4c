package dev.sightline.verifier.merkle;

/** A Merkle proof, or the sizes and hashes it was checked against, did not verify. */
public final class InvalidProofException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidProofException(String message) {
        super(message);
    }
}
