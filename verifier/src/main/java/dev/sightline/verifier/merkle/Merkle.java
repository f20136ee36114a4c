package dev.sightline.verifier.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * RFC 9162 (section 2.1.1) hashing: {@code MTH({}) = SHA-256()},
 * {@code MTH({d}) = SHA-256(0x00 || d)}, {@code MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))}
 * where {@code k} is the largest power of two smaller than {@code n}.
 */
public final class Merkle {

    /** Size in bytes of every hash in the tree. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();

    // MessageDigest is not thread-safe and getInstance is comparatively slow on the hot
    // path of re-hashing a whole log, so each thread keeps one.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Merkle::sha256);

    private Merkle() {
    }

    /** {@code SHA-256(0x00 || leaf)}: the hash of one log entry. */
    public static byte[] leafHash(byte[] leaf) {
        Objects.requireNonNull(leaf, "leaf");
        MessageDigest digest = DIGEST.get();
        digest.update(LEAF_PREFIX);
        digest.update(leaf);
        return digest.digest();
    }

    /**
     * {@code SHA-256(0x00 || leaf)} of the leaf held in {@code buffer[offset, offset + length)}: lets a reader hash
     * an entry where it lies in a larger buffer, without copying it out first.
     */
    public static byte[] leafHash(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(buffer, "buffer").length);
        MessageDigest digest = DIGEST.get();
        digest.update(LEAF_PREFIX);
        digest.update(buffer, offset, length);
        return digest.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireHash(left, "left");
        requireHash(right, "right");
        MessageDigest digest = DIGEST.get();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** {@code SHA-256("")}: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /**
     * The tree head {@code MTH} over already hashed leaves, computed in one pass with
     * O(log n) extra memory.
     */
    public static byte[] rootOf(List<byte[]> leafHashes) {
        MerkleFrontier frontier = new MerkleFrontier();
        leafHashes.forEach(frontier::append);
        return frontier.root();
    }

    /**
     * {@code MTH(D[start:end])} assembled from stored perfect subtree hashes.
     *
     * <p>The range is cut exactly as the RFC cuts a tree: a left part whose size is the
     * largest power of two below the range size, and the rest. Whenever a part is a perfect
     * subtree aligned to its own size it is looked up instead of being descended into. For
     * the ranges that tree heads and proofs use ({@code start} a multiple of a power of two
     * not smaller than the range, e.g. every {@code [0, n)}), this amounts to decomposing the
     * range into O(log n) aligned perfect subtrees and folding them right to left. Ranges
     * that are not aligned that way are still hashed correctly but may need more lookups.
     *
     * @throws IllegalArgumentException if {@code 0 <= start <= end} does not hold
     * @throws IllegalStateException if the store returns something that is not a hash
     */
    public static byte[] rangeHash(long start, long end, PerfectSubtreeHasher store) {
        Objects.requireNonNull(store, "store");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
        }
        return start == end ? emptyRoot() : nonEmptyRangeHash(start, end, store);
    }

    /** Adapts a store of perfect subtree hashes to the {@link RangeHasher} that proofs need. */
    public static RangeHasher rangeHasher(PerfectSubtreeHasher store) {
        Objects.requireNonNull(store, "store");
        return (start, end) -> rangeHash(start, end, store);
    }

    private static byte[] nonEmptyRangeHash(long start, long end, PerfectSubtreeHasher store) {
        long size = end - start;
        if (Long.bitCount(size) == 1 && start % size == 0) {
            int level = Long.numberOfTrailingZeros(size);
            byte[] hash = store.hash(level, start >>> level);
            if (hash == null || hash.length != HASH_SIZE) {
                throw new IllegalStateException("store returned no 32-byte hash for level " + level
                        + " index " + (start >>> level));
            }
            return hash;
        }
        long split = largestPowerOfTwoBelow(size);
        return nodeHash(nonEmptyRangeHash(start, start + split, store), nonEmptyRangeHash(start + split, end, store));
    }

    /** The {@code k} of RFC 9162: the largest power of two strictly smaller than {@code n >= 2}. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_SIZE;
    }

    static void requireHash(byte[] hash, String what) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException(what + " must be a " + HASH_SIZE + "-byte hash");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
