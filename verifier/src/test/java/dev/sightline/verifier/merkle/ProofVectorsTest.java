package dev.sightline.verifier.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_LEAVES;
import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_NODES;
import static dev.sightline.verifier.merkle.ReferenceTree.RFC6962_ROOTS;
import static dev.sightline.verifier.merkle.ReferenceTree.hex;
import static dev.sightline.verifier.merkle.ReferenceTree.hexList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof vectors of transparency-dev/merkle (proof/verify_test.go and testdata/), including
 * its systematic corruptions of every good proof, against both generation and verification.
 */
class ProofVectorsTest {

    private static final byte[] EMPTY_ROOT = hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    private static final byte[] SOME_HASH = hex("abacaba000000000000000000000000000000000000000000060061e00123456");

    private record Inclusion(long leaf, long size, List<byte[]> proof) {
    }

    private record Consistency(long size1, long size2, List<byte[]> proof) {
    }

    private record Probe(String desc, long a, long b, byte[] x, byte[] y, List<byte[]> proof) {
    }

    // verify_test.go inclusionProofs; leaf is 1-based there.
    private static final List<Inclusion> INCLUSION = List.of(
            new Inclusion(1, 1, List.of()),
            new Inclusion(1, 8, hexList(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Inclusion(6, 8, hexList(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Inclusion(3, 3, hexList(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new Inclusion(2, 5, hexList(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    // verify_test.go consistencyProofs.
    private static final List<Consistency> CONSISTENCY = List.of(
            new Consistency(1, 1, List.of()),
            new Consistency(1, 8, hexList(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Consistency(6, 8, hexList(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Consistency(2, 5, hexList(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new Consistency(6, 7, hexList(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    private static final ReferenceTree TREE = ReferenceTree.ofLeaves(RFC6962_LEAVES);
    private static final RangeHasher STORED = Merkle.rangeHasher((level, index) -> RFC6962_NODES.get(level).get((int) index));

    @TestFactory
    Stream<DynamicTest> knownInclusionProofsVerifyAndAreGenerated() {
        return INCLUSION.stream().map(v -> DynamicTest.dynamicTest("leaf " + (v.leaf - 1) + " of " + v.size, () -> {
            long index = v.leaf - 1;
            byte[] leafHash = TREE.leafHash((int) index);
            byte[] root = RFC6962_ROOTS.get((int) v.size);
            MerkleVerifier.verifyInclusion(index, v.size, leafHash, v.proof, root);
            assertArrayEquals(root, MerkleVerifier.rootFromInclusionProof(index, v.size, leafHash, v.proof));
            assertProofEquals(v.proof, MerkleProofs.inclusionProof(index, v.size, STORED));
        }));
    }

    @TestFactory
    Stream<DynamicTest> corruptedInclusionProofsFail() {
        return INCLUSION.stream().flatMap(v -> {
            long index = v.leaf - 1;
            byte[] root = RFC6962_ROOTS.get((int) v.size);
            return inclusionProbes(index, v.size, v.proof, root, TREE.leafHash((int) index)).stream()
                    .map(p -> DynamicTest.dynamicTest("leaf " + index + " of " + v.size + ": " + p.desc, () ->
                            assertFalse(MerkleVerifier.isInclusionValid(p.a, p.b, p.x, p.proof, p.y))));
        });
    }

    @TestFactory
    Stream<DynamicTest> knownConsistencyProofsVerifyAndAreGenerated() {
        return CONSISTENCY.stream().map(v -> DynamicTest.dynamicTest(v.size1 + " to " + v.size2, () -> {
            byte[] root1 = RFC6962_ROOTS.get((int) v.size1);
            byte[] root2 = RFC6962_ROOTS.get((int) v.size2);
            MerkleVerifier.verifyConsistency(v.size1, v.size2, root1, root2, v.proof);
            assertProofEquals(v.proof, MerkleProofs.consistencyProof(v.size1, v.size2, STORED));
        }));
    }

    @TestFactory
    Stream<DynamicTest> corruptedConsistencyProofsFail() {
        return CONSISTENCY.stream().filter(v -> !v.proof.isEmpty()).flatMap(v -> {
            byte[] root1 = RFC6962_ROOTS.get((int) v.size1);
            byte[] root2 = RFC6962_ROOTS.get((int) v.size2);
            return consistencyProbes(v.size1, v.size2, root1, root2, v.proof).stream()
                    .map(p -> DynamicTest.dynamicTest(v.size1 + " to " + v.size2 + ": " + p.desc, () ->
                            assertFalse(MerkleVerifier.isConsistencyValid(p.a, p.b, p.x, p.y, p.proof))));
        });
    }

    @Test
    void singleEntryTreeNeedsMatchingWellFormedHashes() {
        byte[] hash = Merkle.leafHash("data".getBytes(StandardCharsets.UTF_8));
        assertTrue(MerkleVerifier.isInclusionValid(0, 1, hash, List.of(), hash));
        assertFalse(MerkleVerifier.isInclusionValid(0, 1, new byte[0], List.of(), hash));
        assertFalse(MerkleVerifier.isInclusionValid(0, 1, hash, List.of(), new byte[0]));
        assertFalse(MerkleVerifier.isInclusionValid(0, 1, new byte[0], List.of(), new byte[0]));
    }

    @Test
    void inclusionOutsideTheTreeIsRejected() {
        for (long[] p : new long[][] {{0, 0}, {1, 0}, {2, 1}, {-1, 4}}) {
            InvalidProofException e = assertThrows(InvalidProofException.class, () ->
                    MerkleVerifier.verifyInclusion(p[0], p[1], SOME_HASH, List.of(), EMPTY_ROOT));
            assertTrue(e.getMessage().contains("not in a tree"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleProofs.inclusionProof(0, 0, STORED));
        assertThrows(IllegalArgumentException.class, () -> MerkleProofs.inclusionProof(8, 8, STORED));
    }

    /**
     * verify_test.go TestVerifyConsistency. Its "don't care" roots are not 32 bytes, which this
     * implementation always rejects, so well-formed stand-ins are used; and from size 0 the old
     * root must be the empty root here (see MerkleVerifier).
     */
    @Test
    void trivialConsistencyCases() {
        byte[] root1 = Merkle.leafHash("don't care 1".getBytes(StandardCharsets.UTF_8));
        byte[] root2 = Merkle.leafHash("don't care 2".getBytes(StandardCharsets.UTF_8));
        List<byte[]> none = List.of();
        List<byte[]> one = List.of(EMPTY_ROOT);

        assertFalse(MerkleVerifier.isConsistencyValid(0, 0, root1, root2, none), "different roots at 0");
        assertFalse(MerkleVerifier.isConsistencyValid(1, 1, root1, root2, none), "different roots at 1");
        assertTrue(MerkleVerifier.isConsistencyValid(0, 0, EMPTY_ROOT, EMPTY_ROOT, none), "0 to 0");
        assertTrue(MerkleVerifier.isConsistencyValid(0, 1, EMPTY_ROOT, root2, none), "0 to 1");
        assertTrue(MerkleVerifier.isConsistencyValid(0, 5, EMPTY_ROOT, root2, none), "0 to 5");
        assertTrue(MerkleVerifier.isConsistencyValid(1, 1, root2, root2, none), "1 to 1");
        assertFalse(MerkleVerifier.isConsistencyValid(0, 0, root1, root1, none), "size 0 with a non-empty root");
        assertFalse(MerkleVerifier.isConsistencyValid(0, 1, root1, root2, none), "size 0 with a non-empty root");
        assertFalse(MerkleVerifier.isConsistencyValid(1, 0, root1, root2, none), "time travel");
        assertFalse(MerkleVerifier.isConsistencyValid(2, 1, root1, root2, none), "time travel");
        assertFalse(MerkleVerifier.isConsistencyValid(1, 2, root1, root2, none), "empty proof");
        assertFalse(MerkleVerifier.isConsistencyValid(0, 0, EMPTY_ROOT, root2, none), "roots differ");
        assertFalse(MerkleVerifier.isConsistencyValid(1, 1, EMPTY_ROOT, root2, none), "roots differ");
        assertFalse(MerkleVerifier.isConsistencyValid(0, 0, EMPTY_ROOT, EMPTY_ROOT, one), "proof not empty");
        assertFalse(MerkleVerifier.isConsistencyValid(0, 1, EMPTY_ROOT, EMPTY_ROOT, one), "proof not empty");
        assertFalse(MerkleVerifier.isConsistencyValid(1, 1, EMPTY_ROOT, EMPTY_ROOT, one), "proof not empty");
        assertFalse(MerkleVerifier.isConsistencyValid(0, 1, new byte[0], root2, none), "malformed root");
        assertFalse(MerkleVerifier.isConsistencyValid(-1, 1, EMPTY_ROOT, root2, none), "negative size");

        assertEquals(0, MerkleProofs.consistencyProof(0, 8, STORED).size());
        assertEquals(0, MerkleProofs.consistencyProof(8, 8, STORED).size());
        assertThrows(IllegalArgumentException.class, () -> MerkleProofs.consistencyProof(3, 2, STORED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-happy-path", "1-happy-path", "2-happy-path", "2-treeSize-div-2", "4-modified-proof[1]-bit-3"})
    void transparencyDevInclusionFiles(String name) throws IOException {
        JsonNode v = read("inclusion/" + name);
        boolean valid = MerkleVerifier.isInclusionValid(v.get("leafIdx").asLong(), v.get("treeSize").asLong(),
                b64(v.get("leafHash")), b64List(v.get("proof")), b64(v.get("root")));
        assertEquals(!v.get("wantErr").asBoolean(), valid, v.get("desc").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-happy-path", "1-happy-path", "2-swapped-roots", "3-truncated-proof", "4-happy-path"})
    void transparencyDevConsistencyFiles(String name) throws IOException {
        JsonNode v = read("consistency/" + name);
        boolean valid = MerkleVerifier.isConsistencyValid(v.get("size1").asLong(), v.get("size2").asLong(),
                b64(v.get("root1")), b64(v.get("root2")), b64List(v.get("proof")));
        assertEquals(!v.get("wantErr").asBoolean(), valid, v.get("desc").asText());
    }

    // verify_test.go corruptInclusionProof.
    private static List<Probe> inclusionProbes(long index, long size, List<byte[]> proof, byte[] root, byte[] leafHash) {
        List<Probe> probes = new ArrayList<>(List.of(
                new Probe("leafIndex - 1", index - 1, size, leafHash, root, proof),
                new Probe("leafIndex + 1", index + 1, size, leafHash, root, proof),
                new Probe("leafIndex ^ 2", index ^ 2, size, leafHash, root, proof),
                new Probe("treeSize * 2", index, size * 2, leafHash, root, proof),
                new Probe("treeSize / 2", index, size / 2, leafHash, root, proof),
                new Probe("wrong leaf", index, size, "WrongLeaf".getBytes(StandardCharsets.UTF_8), root, proof),
                new Probe("empty root", index, size, leafHash, EMPTY_ROOT, proof),
                new Probe("random root", index, size, leafHash, SOME_HASH, proof),
                new Probe("trailing garbage", index, size, leafHash, root, with(proof, new byte[0], false)),
                new Probe("trailing root", index, size, leafHash, root, with(proof, root, false)),
                new Probe("preceding garbage", index, size, leafHash, root, with(proof, new byte[0], true)),
                new Probe("preceding root", index, size, leafHash, root, with(proof, root, true))));
        for (int i = 0; i < proof.size(); i++) {
            probes.add(new Probe("modified proof[" + i + "] bit 3", index, size, leafHash, root, flip(proof, i, 8)));
        }
        if (!proof.isEmpty()) {
            probes.add(new Probe("removed component", index, size, leafHash, root, proof.subList(0, proof.size() - 1)));
        }
        if (proof.size() > 1) {
            List<byte[]> inserted = new ArrayList<>(proof);
            inserted.add(1, SOME_HASH);
            probes.add(new Probe("inserted component", index, size, leafHash, root, inserted));
        }
        return probes;
    }

    // verify_test.go corruptConsistencyProof; x and y are root1 and root2.
    private static List<Probe> consistencyProbes(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        byte[] wrong = "WrongRoot".getBytes(StandardCharsets.UTF_8);
        List<Probe> probes = new ArrayList<>(List.of(
                new Probe("size1 - 1", size1 - 1, size2, root1, root2, proof),
                new Probe("size1 + 1", size1 + 1, size2, root1, root2, proof),
                new Probe("size1 ^ 2", size1 ^ 2, size2, root1, root2, proof),
                new Probe("size2 * 2", size1, size2 * 2, root1, root2, proof),
                new Probe("size2 / 2", size1, size2 / 2, root1, root2, proof),
                new Probe("wrong root1", size1, size2, wrong, root2, proof),
                new Probe("wrong root2", size1, size2, root1, wrong, proof),
                new Probe("swapped roots", size1, size2, root2, root1, proof),
                new Probe("empty proof", size1, size2, root1, root2, List.of()),
                new Probe("trailing garbage", size1, size2, root1, root2, with(proof, new byte[0], false)),
                new Probe("trailing root1", size1, size2, root1, root2, with(proof, root1, false)),
                new Probe("trailing root2", size1, size2, root1, root2, with(proof, root2, false)),
                new Probe("preceding garbage", size1, size2, root1, root2, with(proof, new byte[0], true)),
                new Probe("preceding root1", size1, size2, root1, root2, with(proof, root1, true)),
                new Probe("preceding root2", size1, size2, root1, root2, with(proof, root2, true)),
                new Probe("preceding proof[0]", size1, size2, root1, root2, with(proof, proof.get(0), true)),
                new Probe("truncated proof", size1, size2, root1, root2, proof.subList(0, proof.size() - 1))));
        for (int i = 0; i < proof.size(); i++) {
            probes.add(new Probe("modified proof[" + i + "] bit 4", size1, size2, root1, root2, flip(proof, i, 16)));
        }
        return probes;
    }

    private static List<byte[]> with(List<byte[]> proof, byte[] node, boolean first) {
        List<byte[]> out = new ArrayList<>(proof);
        out.add(first ? 0 : out.size(), node);
        return out;
    }

    private static List<byte[]> flip(List<byte[]> proof, int i, int mask) {
        List<byte[]> out = new ArrayList<>(proof);
        byte[] node = out.get(i).clone();
        node[0] ^= (byte) mask;
        out.set(i, node);
        return out;
    }

    private static void assertProofEquals(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "proof length");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "proof[" + i + "]");
        }
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = ProofVectorsTest.class.getResourceAsStream("/transparency-dev/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static byte[] b64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    private static List<byte[]> b64List(JsonNode node) {
        List<byte[]> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(n -> out.add(b64(n)));
        }
        return out;
    }
}
