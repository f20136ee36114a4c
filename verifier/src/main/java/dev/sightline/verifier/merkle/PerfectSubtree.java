package dev.sightline.verifier.merkle;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A completed perfect subtree: the {@code 2^level} leaves starting at {@code index * 2^level}
 * and their hash.
 */
public record PerfectSubtree(int level, long index, byte[] hash) {

    public PerfectSubtree {
        if (level < 0 || level > 63 || index < 0) {
            throw new IllegalArgumentException("invalid subtree level " + level + " index " + index);
        }
        Merkle.requireHash(hash, "hash");
        hash = hash.clone();
    }

    /** First leaf covered, inclusive. */
    public long start() {
        return index << level;
    }

    /** Last leaf covered, exclusive. */
    public long end() {
        return (index + 1) << level;
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    // Records compare arrays by identity; a subtree is a value.
    @Override
    public boolean equals(Object o) {
        return o instanceof PerfectSubtree other
                && level == other.level && index == other.index && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PerfectSubtree[level=" + level + ", index=" + index + ", hash=" + HexFormat.of().formatHex(hash) + "]";
    }
}
