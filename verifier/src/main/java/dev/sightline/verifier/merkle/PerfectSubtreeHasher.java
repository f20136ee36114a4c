package dev.sightline.verifier.merkle;

/**
 * Lookup of stored perfect subtree hashes: what a server persists as its log grows (see
 * {@link MerkleFrontier}).
 */
@FunctionalInterface
public interface PerfectSubtreeHasher {

    /**
     * Returns the hash of the perfect subtree over leaves
     * {@code [index * 2^level, (index + 1) * 2^level)}; level 0 is the leaf hash itself.
     */
    byte[] hash(int level, long index);
}
