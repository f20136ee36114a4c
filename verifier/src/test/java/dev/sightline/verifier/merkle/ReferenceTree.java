package dev.sightline.verifier.merkle;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Test data and a deliberately naive Merkle tree written straight from the RFC 9162
 * definition, to compare the real implementation against.
 */
final class ReferenceTree {

    /**
     * The RFC 6962 reference leaves and tree heads, as published by transparency-dev/merkle
     * (testonly/constants.go, proof/verify_test.go).
     */
    static final List<byte[]> RFC6962_LEAVES = hexList(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** Root for sizes 0..8 of {@link #RFC6962_LEAVES}. */
    static final List<byte[]> RFC6962_ROOTS = hexList(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** Perfect subtree hashes of the 8-leaf tree by level, then index (testonly/constants.go NodeHashes). */
    static final List<List<byte[]>> RFC6962_NODES = List.of(
            hexList("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            hexList("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            hexList("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            hexList("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    private final List<byte[]> leafHashes;

    ReferenceTree(List<byte[]> leafHashes) {
        this.leafHashes = List.copyOf(leafHashes);
    }

    static ReferenceTree ofLeaves(List<byte[]> leaves) {
        return new ReferenceTree(leaves.stream().map(Merkle::leafHash).toList());
    }

    static ReferenceTree random(int size, Random random) {
        List<byte[]> hashes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte[] leaf = new byte[1 + random.nextInt(40)];
            random.nextBytes(leaf);
            hashes.add(Merkle.leafHash(leaf));
        }
        return new ReferenceTree(hashes);
    }

    int size() {
        return leafHashes.size();
    }

    byte[] leafHash(int index) {
        return leafHashes.get(index);
    }

    List<byte[]> leafHashes() {
        return leafHashes;
    }

    /** MTH(D[start:end]) by the textbook recursion. */
    byte[] hash(long start, long end) {
        long n = end - start;
        if (n == 0) {
            return Merkle.emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get((int) start);
        }
        long k = Long.highestOneBit(n - 1);
        return Merkle.nodeHash(hash(start, start + k), hash(start + k, end));
    }

    byte[] root(long size) {
        return hash(0, size);
    }

    /** Lookups of perfect subtrees, computed naively. */
    PerfectSubtreeHasher perfect() {
        return (level, index) -> hash(index << level, (index + 1) << level);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static List<byte[]> hexList(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(hex(h));
        }
        return List.copyOf(out);
    }
}
