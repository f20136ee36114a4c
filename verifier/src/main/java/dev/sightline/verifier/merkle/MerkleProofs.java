package dev.sightline.verifier.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proof generation per RFC 9162 section 2.1.3.1 ({@code PATH}) and 2.1.4.1
 * ({@code SUBPROOF}). Subtree hashes come from a {@link RangeHasher}, so a server can answer
 * from stored perfect subtrees (see {@link Merkle#rangeHasher}) in O(log n) lookups per node.
 * Proof nodes are ordered as in the RFC: closest to the leaf first.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /**
     * The audit path of leaf {@code index} in the tree of the first {@code size} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size}
     */
    public static List<byte[]> inclusionProof(long index, long size, RangeHasher hasher) {
        Objects.requireNonNull(hasher, "hasher");
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, hasher, proof);
        return List.copyOf(proof);
    }

    /**
     * The consistency proof between the trees of the first {@code oldSize} and {@code newSize}
     * leaves. It is empty when {@code oldSize} is 0 or equal to {@code newSize}: nothing needs
     * proving then (see {@link MerkleVerifier#verifyConsistency}).
     *
     * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize}
     */
    public static List<byte[]> consistencyProof(long oldSize, long newSize, RangeHasher hasher) {
        Objects.requireNonNull(hasher, "hasher");
        if (oldSize < 0 || newSize < oldSize) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, hasher, proof);
        }
        return List.copyOf(proof);
    }

    // PATH(m, D[start:end]) with m relative to start; the sibling of the half holding m is
    // appended after the deeper part of the path.
    private static void path(long m, long start, long end, RangeHasher hasher, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = Merkle.largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, hasher, out);
            out.add(hash(hasher, start + k, end));
        } else {
            path(m - k, start + k, end, hasher, out);
            out.add(hash(hasher, start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b); b says whether D[start:start+m] is the old tree itself,
    // whose root the verifier already has.
    private static void subproof(long m, long start, long end, boolean oldRootKnown,
                                 RangeHasher hasher, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!oldRootKnown) {
                out.add(hash(hasher, start, end));
            }
            return;
        }
        long k = Merkle.largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, oldRootKnown, hasher, out);
            out.add(hash(hasher, start + k, end));
        } else {
            subproof(m - k, start + k, end, false, hasher, out);
            out.add(hash(hasher, start, start + k));
        }
    }

    private static byte[] hash(RangeHasher hasher, long start, long end) {
        byte[] hash = hasher.hash(start, end);
        if (!Merkle.isHash(hash)) {
            throw new IllegalStateException("range hasher returned no 32-byte hash for [" + start + ", " + end + ")");
        }
        return hash;
    }
}
