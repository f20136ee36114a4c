package dev.sightline.verifier.merkle;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * Proof verification per RFC 9162 section 2.1.3.2 (inclusion) and 2.1.4.2 (consistency).
 *
 * <p>Edge cases, decided once here so every caller agrees:
 * <ul>
 *   <li>Every hash (leaf hash, roots, proof nodes) must be exactly 32 bytes, otherwise the
 *       proof is rejected, even where the value would not be used.</li>
 *   <li>Inclusion needs {@code 0 <= index < size}; nothing is included in the empty tree.</li>
 *   <li>Consistency from size 0 is trivially true: the proof must be empty and the old root
 *       must be the empty-tree root {@code SHA-256("")} (stricter than transparency-dev, which
 *       ignores the old root here, because a size-0 tree has only one possible root).</li>
 *   <li>Consistency of a size with itself needs an empty proof and equal roots.</li>
 *   <li>Shrinking ({@code oldSize > newSize}) or negative sizes are rejected.</li>
 * </ul>
 * The {@code verify*} methods throw {@link InvalidProofException} naming the reason; the
 * {@code is*Valid} methods return {@code false} instead.
 *
 * <p>A proof commits to a tree size only through the shape of its path: sizes with the same
 * shape compute the same root. Always take size and root from the same signed checkpoint.
 */
public final class MerkleVerifier {

    private MerkleVerifier() {
    }

    /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves with root {@code root}. */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        requireHash(root, "root");
        byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InvalidProofException("inclusion proof leads to a different root");
        }
    }

    /** {@link #verifyInclusion} as a boolean. */
    public static boolean isInclusionValid(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        try {
            verifyInclusion(index, size, leafHash, proof, root);
            return true;
        } catch (InvalidProofException e) {
            return false;
        }
    }

    /**
     * The root that an inclusion proof implies: useful when the root is looked up afterwards,
     * e.g. among signed checkpoints.
     */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        Objects.requireNonNull(proof, "proof");
        if (index < 0 || index >= size) {
            throw new InvalidProofException("leaf index " + index + " is not in a tree of size " + size);
        }
        requireHash(leafHash, "leaf hash");
        requireNodes(proof);
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new InvalidProofException("inclusion proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Merkle.nodeHash(p, r);
                // On the right edge the tree skips levels where the node has no sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = Merkle.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("inclusion proof is too short");
        }
        return r;
    }

    /** Checks that the tree of {@code newSize} leaves with {@code newRoot} extends the one of {@code oldSize} leaves with {@code oldRoot}. */
    public static void verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        Objects.requireNonNull(proof, "proof");
        if (oldSize < 0 || newSize < oldSize) {
            throw new InvalidProofException("no consistency from size " + oldSize + " to " + newSize);
        }
        requireHash(oldRoot, "old root");
        requireHash(newRoot, "new root");
        requireNodes(proof);
        if (oldSize == 0) {
            requireEmptyProof(proof);
            if (!MessageDigest.isEqual(oldRoot, Merkle.emptyRoot())) {
                throw new InvalidProofException("a tree of size 0 must have the empty root");
            }
            if (newSize == 0 && !MessageDigest.isEqual(newRoot, oldRoot)) {
                throw new InvalidProofException("roots of the same size differ");
            }
            return;
        }
        if (oldSize == newSize) {
            requireEmptyProof(proof);
            if (!MessageDigest.isEqual(oldRoot, newRoot)) {
                throw new InvalidProofException("roots of the same size differ");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("consistency proof is empty");
        }

        // When the old tree is a perfect subtree its root is the proof's implicit first node.
        int next = 0;
        byte[] first;
        if (Long.bitCount(oldSize) == 1) {
            first = oldRoot;
        } else {
            first = proof.get(next++);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = first;
        byte[] sr = first;
        for (; next < proof.size(); next++) {
            byte[] c = proof.get(next);
            if (sn == 0) {
                throw new InvalidProofException("consistency proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Merkle.nodeHash(c, fr);
                sr = Merkle.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = Merkle.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("consistency proof is too short");
        }
        if (!MessageDigest.isEqual(fr, oldRoot)) {
            throw new InvalidProofException("consistency proof does not lead to the old root");
        }
        if (!MessageDigest.isEqual(sr, newRoot)) {
            throw new InvalidProofException("consistency proof does not lead to the new root");
        }
    }

    /** {@link #verifyConsistency} as a boolean. */
    public static boolean isConsistencyValid(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        try {
            verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);
            return true;
        } catch (InvalidProofException e) {
            return false;
        }
    }

    private static void requireHash(byte[] hash, String what) {
        if (!Merkle.isHash(hash)) {
            throw new InvalidProofException(what + " is not a " + Merkle.HASH_SIZE + "-byte hash");
        }
    }

    private static void requireNodes(List<byte[]> proof) {
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "proof node " + i);
        }
    }

    private static void requireEmptyProof(List<byte[]> proof) {
        if (!proof.isEmpty()) {
            throw new InvalidProofException("proof must be empty for these sizes");
        }
    }
}
