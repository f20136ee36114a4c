package dev.sightline.verifier.merkle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Laws of proofs over seeded random trees: generated proofs verify; any single flipped bit,
 * wrong index or wrong size makes them fail. The seed is in every failure message.
 */
class MerkleProofPropertiesTest {

    private static final int MAX_SIZE = 2000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20240917L, 0x5EED_CAFEL})
    void inclusionProofsVerifyAndResistTampering(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 6; round++) {
            int size = 1 + random.nextInt(MAX_SIZE);
            ReferenceTree tree = ReferenceTree.random(size, random);
            RangeHasher stored = storedSubtrees(tree);
            byte[] root = tree.root(size);
            for (int probe = 0; probe < 5; probe++) {
                int index = probe == 0 ? size - 1 : random.nextInt(size);
                String where = "seed " + seed + ", size " + size + ", index " + index;
                List<byte[]> proof = MerkleProofs.inclusionProof(index, size, stored);
                assertEquals(expectedInclusionLength(index, size), proof.size(), where);
                MerkleVerifier.verifyInclusion(index, size, tree.leafHash(index), proof, root);
                assertProofEquals(MerkleProofs.inclusionProof(index, size, tree::hash), proof, where);

                for (int node = 0; node < proof.size(); node++) {
                    for (int bit = 0; bit < 256; bit++) {
                        assertFalse(MerkleVerifier.isInclusionValid(index, size, tree.leafHash(index),
                                flip(proof, node, bit), root), where + ", flipped bit " + bit + " of node " + node);
                    }
                }
                for (int bit = 0; bit < 256; bit++) {
                    assertFalse(MerkleVerifier.isInclusionValid(index, size, flipBit(tree.leafHash(index), bit),
                            proof, root), where + ", flipped leaf bit " + bit);
                    assertFalse(MerkleVerifier.isInclusionValid(index, size, tree.leafHash(index),
                            proof, flipBit(root, bit)), where + ", flipped root bit " + bit);
                }
                for (long other : new long[] {index - 1, index + 1, index ^ 1, index ^ 2, random.nextInt(size)}) {
                    if (other != index) {
                        assertFalse(MerkleVerifier.isInclusionValid(other, size, tree.leafHash(index), proof, root),
                                where + ", claimed index " + other);
                    }
                }
                // A proof binds the size only through its shape, so the real law is: it does not
                // verify against the genuine root of another size unless that size has the very
                // same proof. Beyond the tree, any size that changes the shape must fail.
                for (long other : new long[] {size - 1, size + 1, size * 2L, size / 2, random.nextInt(size + 1)}) {
                    if (other == size) {
                        continue;
                    }
                    if (other <= index) {
                        assertFalse(MerkleVerifier.isInclusionValid(index, other, tree.leafHash(index), proof, root),
                                where + ", claimed size " + other);
                    } else if (other < size) {
                        boolean sameProof = sameProof(MerkleProofs.inclusionProof(index, other, stored), proof);
                        assertEquals(sameProof, MerkleVerifier.isInclusionValid(index, other, tree.leafHash(index),
                                proof, tree.root(other)), where + ", claimed size " + other);
                    } else if (expectedInclusionLength(index, other) != proof.size()) {
                        assertFalse(MerkleVerifier.isInclusionValid(index, other, tree.leafHash(index), proof, root),
                                where + ", claimed size " + other);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 99L, 20240917L, 0xFEED_BEEFL})
    void consistencyProofsVerifyAndResistTampering(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 6; round++) {
            int size = 1 + random.nextInt(MAX_SIZE);
            ReferenceTree tree = ReferenceTree.random(size, random);
            RangeHasher stored = storedSubtrees(tree);
            for (int probe = 0; probe < 6; probe++) {
                int newSize = probe == 0 ? size : 1 + random.nextInt(size);
                int oldSize = probe == 1 ? newSize : random.nextInt(newSize + 1);
                String where = "seed " + seed + ", " + oldSize + " to " + newSize;
                byte[] oldRoot = tree.root(oldSize);
                byte[] newRoot = tree.root(newSize);
                List<byte[]> proof = MerkleProofs.consistencyProof(oldSize, newSize, stored);
                MerkleVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);
                assertProofEquals(MerkleProofs.consistencyProof(oldSize, newSize, tree::hash), proof, where);
                if (oldSize == 0 || oldSize == newSize) {
                    assertTrue(proof.isEmpty(), where);
                    continue;
                }

                for (int node = 0; node < proof.size(); node++) {
                    for (int bit = 0; bit < 256; bit++) {
                        assertFalse(MerkleVerifier.isConsistencyValid(oldSize, newSize, oldRoot, newRoot,
                                flip(proof, node, bit)), where + ", flipped bit " + bit + " of node " + node);
                    }
                }
                for (int bit = 0; bit < 256; bit++) {
                    assertFalse(MerkleVerifier.isConsistencyValid(oldSize, newSize, flipBit(oldRoot, bit), newRoot,
                            proof), where + ", flipped old root bit " + bit);
                    assertFalse(MerkleVerifier.isConsistencyValid(oldSize, newSize, oldRoot, flipBit(newRoot, bit),
                            proof), where + ", flipped new root bit " + bit);
                }
                for (long other : new long[] {oldSize - 1L, oldSize + 1L, oldSize ^ 1, oldSize ^ 2, oldSize / 2}) {
                    if (other != oldSize) {
                        assertFalse(MerkleVerifier.isConsistencyValid(other, newSize, oldRoot, newRoot, proof),
                                where + ", claimed old size " + other);
                    }
                }
                // As for inclusion: another new size must fail against its genuine root unless its
                // proof is the same; beyond the tree, a size must fail whenever it changes the shape.
                for (long other : new long[] {newSize - 1L, newSize + 1L, newSize * 2L, newSize / 2}) {
                    if (other == newSize) {
                        continue;
                    }
                    if (other < oldSize) {
                        assertFalse(MerkleVerifier.isConsistencyValid(oldSize, other, oldRoot, newRoot, proof),
                                where + ", claimed new size " + other);
                    } else if (other <= size) {
                        boolean sameProof = sameProof(MerkleProofs.consistencyProof(oldSize, other, stored), proof);
                        assertEquals(sameProof, MerkleVerifier.isConsistencyValid(oldSize, other, oldRoot,
                                tree.root(other), proof), where + ", claimed new size " + other);
                    } else if (MerkleProofs.consistencyProof(oldSize, other, (a, b) -> new byte[32]).size() != proof.size()) {
                        assertFalse(MerkleVerifier.isConsistencyValid(oldSize, other, oldRoot, newRoot, proof),
                                where + ", claimed new size " + other);
                    }
                }
                assertFalse(MerkleVerifier.isConsistencyValid(oldSize, newSize, newRoot, oldRoot, proof), where + ", swapped");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 2718281828L})
    void everyLeafOfSmallTreesHasAValidProof(long seed) {
        Random random = new Random(seed);
        for (int size = 1; size <= 70; size++) {
            ReferenceTree tree = ReferenceTree.random(size, random);
            RangeHasher stored = storedSubtrees(tree);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleProofs.inclusionProof(index, size, stored);
                assertArrayEquals(tree.root(size),
                        MerkleVerifier.rootFromInclusionProof(index, size, tree.leafHash(index), proof),
                        "seed " + seed + ", size " + size + ", index " + index);
            }
            for (int oldSize = 0; oldSize <= size; oldSize++) {
                assertTrue(MerkleVerifier.isConsistencyValid(oldSize, size, tree.root(oldSize), tree.root(size),
                        MerkleProofs.consistencyProof(oldSize, size, stored)),
                        "seed " + seed + ", " + oldSize + " to " + size);
            }
        }
    }

    // Proofs served the way the audit-service will: from perfect subtrees a frontier reported.
    private static RangeHasher storedSubtrees(ReferenceTree tree) {
        Map<String, byte[]> store = new HashMap<>();
        MerkleFrontier frontier = new MerkleFrontier(s -> store.put(s.level() + "/" + s.index(), s.hash()));
        frontier.appendAll(tree.leafHashes());
        return Merkle.rangeHasher((level, index) -> store.get(level + "/" + index));
    }

    private static int expectedInclusionLength(long index, long size) {
        int length = 0;
        long start = 0;
        long end = size;
        while (end - start > 1) {
            long k = Long.highestOneBit(end - start - 1);
            if (index - start < k) {
                end = start + k;
            } else {
                start += k;
            }
            length++;
        }
        return length;
    }

    private static boolean sameProof(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> flip(List<byte[]> proof, int node, int bit) {
        List<byte[]> out = new ArrayList<>(proof);
        out.set(node, flipBit(proof.get(node), bit));
        return out;
    }

    private static byte[] flipBit(byte[] hash, int bit) {
        byte[] out = hash.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    private static void assertProofEquals(List<byte[]> expected, List<byte[]> actual, String where) {
        assertEquals(expected.size(), actual.size(), where + ": proof length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), where + ": proof[" + i + "]");
        }
    }
}
