package dev.sightline.verifier.merkle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_LEAVES;
import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_NODES;
import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_ROOTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MerkleFrontierTest {

    private static final long SEED = 8_675_309L;

    @Test
    void emptyFrontierHasTheEmptyRoot() {
        MerkleFrontier frontier = new MerkleFrontier();
        assertEquals(0, frontier.size());
        assertArrayEquals(Merkle.emptyRoot(), frontier.root());
        assertEquals(List.of(), frontier.subtrees());
    }

    @Test
    void reportsEveryPerfectSubtreeOfTheReferenceTree() {
        List<PerfectSubtree> reported = new ArrayList<>();
        MerkleFrontier frontier = new MerkleFrontier(reported::add);
        for (int i = 0; i < RFC6962_LEAVES.size(); i++) {
            frontier.append(Merkle.leafHash(RFC6962_LEAVES.get(i)));
            assertArrayEquals(RFC6962_ROOTS.get(i + 1), frontier.root(), "size " + (i + 1));
        }
        // 8 leaves, 4 + 2 + 1 interior nodes: exactly the NodeHashes of transparency-dev.
        assertEquals(15, reported.size());
        for (PerfectSubtree subtree : reported) {
            assertArrayEquals(RFC6962_NODES.get(subtree.level()).get((int) subtree.index()), subtree.hash(),
                    subtree.toString());
        }
    }

    @Test
    void holdsTheCompactRangeOfTheReferenceTree() {
        // transparency-dev testonly CompactTrees: size 7 is nodes [2][0], [1][2], [0][6].
        MerkleFrontier frontier = new MerkleFrontier();
        RFC6962_LEAVES.subList(0, 7).forEach(leaf -> frontier.append(Merkle.leafHash(leaf)));
        assertEquals(List.of(
                new PerfectSubtree(2, 0, RFC6962_NODES.get(2).get(0)),
                new PerfectSubtree(1, 2, RFC6962_NODES.get(1).get(2)),
                new PerfectSubtree(0, 6, RFC6962_NODES.get(0).get(6))), frontier.subtrees());
        assertEquals(6, frontier.subtrees().get(2).start());
        assertEquals(7, frontier.subtrees().get(2).end());
    }

    @Test
    void rootAtEverySizeMatchesTheReference() {
        Random random = new Random(SEED);
        ReferenceTree tree = ReferenceTree.random(1100, random);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 1; size <= tree.size(); size++) {
            frontier.append(tree.leafHash(size - 1));
            if (size < 70 || size % 97 == 0 || Long.bitCount(size) == 1) {
                assertArrayEquals(tree.root(size), frontier.root(), "seed " + SEED + ", size " + size);
            }
            assertEquals(Long.bitCount(size), frontier.subtrees().size());
        }
    }

    @Test
    void restoredFromStoredSubtreesContinuesIdentically() {
        Random random = new Random(SEED);
        ReferenceTree tree = ReferenceTree.random(700, random);
        Map<String, byte[]> store = new HashMap<>();
        MerkleFrontier original = new MerkleFrontier(s -> store.put(s.level() + "/" + s.index(), s.hash()));
        for (int size = 1; size <= tree.size(); size++) {
            original.append(tree.leafHash(size - 1));
            if (size % 53 == 0) {
                MerkleFrontier restored = MerkleFrontier.restore(size, (level, index) -> store.get(level + "/" + index));
                assertEquals(original.subtrees(), restored.subtrees(), "seed " + SEED + ", size " + size);
                assertArrayEquals(original.root(), restored.root());
                restored.appendAll(tree.leafHashes().subList(size, tree.size()));
                assertArrayEquals(tree.root(tree.size()), restored.root(), "seed " + SEED + ", restored at " + size);
            }
        }
    }

    @Test
    void restoreReadsOnlyTheFrontierAndChecksTheStore() {
        List<String> reads = new ArrayList<>();
        MerkleFrontier.restore(13, (level, index) -> {
            reads.add(level + "/" + index);
            return new byte[32];
        });
        assertEquals(List.of("3/0", "2/2", "0/12"), reads);
        assertThrows(IllegalStateException.class, () -> MerkleFrontier.restore(3, (level, index) -> null));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(-1, (level, index) -> new byte[32]));
    }

    @Test
    void rejectsMalformedLeafHashes() {
        MerkleFrontier frontier = new MerkleFrontier();
        assertThrows(IllegalArgumentException.class, () -> frontier.append(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> frontier.append(null));
        assertEquals(0, frontier.size());
    }

    @Test
    void copiesAreIndependent() {
        MerkleFrontier frontier = new MerkleFrontier();
        frontier.append(Merkle.leafHash(new byte[0]));
        MerkleFrontier copy = frontier.copy(s -> { });
        copy.append(Merkle.leafHash(new byte[] {0}));
        assertEquals(1, frontier.size());
        assertArrayEquals(RFC6962_ROOTS.get(1), frontier.root());
        assertArrayEquals(RFC6962_ROOTS.get(2), copy.root());
    }
}
