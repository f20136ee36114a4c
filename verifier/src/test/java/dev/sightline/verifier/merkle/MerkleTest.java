package dev.sightline.verifier.merkle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_LEAVES;
import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_NODES;
import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_ROOTS;
import static dev.sightline.verifier.merkle.ReferenceTree.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MerkleTest {

    private static final long SEED = 0x5176_4711L;

    @Test
    void emptyRootIsSha256OfNothing() {
        assertArrayEquals(hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), Merkle.emptyRoot());
    }

    @Test
    void leafAndNodeHashesUseDomainSeparation() {
        // RFC 6962 test vector: leaf hash of the empty leaf, node hash of two such leaves.
        byte[] emptyLeaf = Merkle.leafHash(new byte[0]);
        assertArrayEquals(hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"), emptyLeaf);
        assertArrayEquals(RFC6962_NODES.get(0).get(1), Merkle.leafHash(new byte[] {0x00}));
        assertArrayEquals(RFC6962_NODES.get(1).get(0),
                Merkle.nodeHash(RFC6962_NODES.get(0).get(0), RFC6962_NODES.get(0).get(1)));
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodeHash(new byte[31], emptyLeaf));
    }

    @Test
    void aLeafHashedWhereItLiesInABufferEqualsTheLeafHashedAlone() {
        byte[] buffer = "xx{\"seq\":1}yyy".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Merkle.leafHash("{\"seq\":1}".getBytes(StandardCharsets.UTF_8)),
                Merkle.leafHash(buffer, 2, 9));
        assertArrayEquals(Merkle.leafHash(new byte[0]), Merkle.leafHash(buffer, 5, 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Merkle.leafHash(buffer, 10, 9));
    }

    @Test
    void rootsOfTheRfc6962ReferenceTreeMatchForEverySize() {
        for (int size = 0; size <= RFC6962_LEAVES.size(); size++) {
            List<byte[]> hashes = RFC6962_LEAVES.subList(0, size).stream().map(Merkle::leafHash).toList();
            assertArrayEquals(RFC6962_ROOTS.get(size), Merkle.rootOf(hashes), "size " + size);
        }
    }

    @Test
    void rangeHashOfStoredSubtreesMatchesTheReferenceTree() {
        PerfectSubtreeHasher store = (level, index) -> RFC6962_NODES.get(level).get((int) index);
        for (int size = 0; size <= 8; size++) {
            assertArrayEquals(RFC6962_ROOTS.get(size), Merkle.rangeHash(0, size, store), "size " + size);
        }
    }

    @Test
    void rangeHashEqualsTheNaiveHashForRandomRanges() {
        Random random = new Random(SEED);
        ReferenceTree tree = ReferenceTree.random(1500, random);
        PerfectSubtreeHasher store = tree.perfect();
        for (int i = 0; i < 400; i++) {
            int start = random.nextInt(tree.size() + 1);
            int end = start + random.nextInt(tree.size() - start + 1);
            assertArrayEquals(tree.hash(start, end), Merkle.rangeHash(start, end, store),
                    "seed " + SEED + " range [" + start + ", " + end + ")");
        }
    }

    @Test
    void rangeHashOfAPrefixReadsOnlyOneSubtreePerSetBit() {
        Random random = new Random(SEED);
        ReferenceTree tree = ReferenceTree.random(1000, random);
        for (int size = 1; size <= tree.size(); size += 37) {
            AtomicInteger lookups = new AtomicInteger();
            PerfectSubtreeHasher counting = (level, index) -> {
                lookups.incrementAndGet();
                return tree.perfect().hash(level, index);
            };
            assertArrayEquals(tree.root(size), Merkle.rangeHash(0, size, counting));
            assertEquals(Long.bitCount(size), lookups.get(), "size " + size);
        }
    }

    @Test
    void rangeHashRejectsBadRangesAndBadStores() {
        PerfectSubtreeHasher store = (level, index) -> new byte[32];
        assertThrows(IllegalArgumentException.class, () -> Merkle.rangeHash(-1, 3, store));
        assertThrows(IllegalArgumentException.class, () -> Merkle.rangeHash(5, 3, store));
        assertThrows(IllegalStateException.class, () -> Merkle.rangeHash(0, 3, (level, index) -> new byte[5]));
        assertThrows(IllegalStateException.class, () -> Merkle.rangeHash(0, 3, (level, index) -> null));
    }

    @Test
    void rootOfManyLeavesEqualsTheReference() {
        Random random = new Random(SEED);
        for (int size : new int[] {1, 2, 3, 7, 64, 65, 1000, 1023, 1024, 1025}) {
            ReferenceTree tree = ReferenceTree.random(size, random);
            assertArrayEquals(tree.root(size), Merkle.rootOf(tree.leafHashes()), "size " + size);
        }
    }

    @Test
    void leafHashIsSha256OfZeroByteAndLeaf() throws Exception {
        // The wire format the audit-service exposes: SHA-256(0x00 || UTF-8 bytes of the entry).
        byte[] leaf = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0);
        assertArrayEquals(sha256.digest(leaf), Merkle.leafHash(leaf));
    }
}
