package dev.sightline.verifier.merkle;

/**
 * Source of subtree hashes for proof generation, so proofs can be built without holding all
 * leaves in memory.
 */
@FunctionalInterface
public interface RangeHasher {

    /** Returns {@code MTH(D[start:end])}, the RFC 9162 hash of leaves {@code start} (inclusive) to {@code end} (exclusive). */
    byte[] hash(long start, long end);
}
