package dev.sightline.verifier.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The right edge of a growing Merkle tree (a "compact range" over {@code [0, size)}): one
 * perfect subtree hash per set bit of {@code size}, largest first. Appending a leaf merges
 * equal-sized subtrees like a binary counter carries, so memory stays O(log n) while the root
 * at the current size is always available.
 *
 * <p>Every perfect subtree completed by an append, including the level-0 leaf itself, is
 * reported to the listener so a server can persist it and later serve
 * {@link PerfectSubtreeHasher} lookups for proofs. Not thread-safe.
 */
public final class MerkleFrontier {

    private final List<byte[]> subtrees;
    private final Consumer<PerfectSubtree> listener;
    private long size;

    /** An empty tree whose completed subtrees are not reported. */
    public MerkleFrontier() {
        this(subtree -> { });
    }

    /** An empty tree that reports each completed perfect subtree to {@code listener}. */
    public MerkleFrontier(Consumer<PerfectSubtree> listener) {
        this(0, new ArrayList<>(), listener);
    }

    private MerkleFrontier(long size, List<byte[]> subtrees, Consumer<PerfectSubtree> listener) {
        this.size = size;
        this.subtrees = subtrees;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Rebuilds the frontier of a tree of {@code size} leaves from stored perfect subtree
     * hashes, reading only the O(log n) subtrees the frontier consists of.
     */
    public static MerkleFrontier restore(long size, PerfectSubtreeHasher store, Consumer<PerfectSubtree> listener) {
        Objects.requireNonNull(store, "store");
        List<Slot> parts = decompose(size);
        List<byte[]> hashes = new ArrayList<>(parts.size());
        for (Slot part : parts) {
            byte[] hash = store.hash(part.level(), part.index());
            if (!Merkle.isHash(hash)) {
                throw new IllegalStateException("store returned no 32-byte hash for level " + part.level()
                        + " index " + part.index());
            }
            hashes.add(hash.clone());
        }
        return new MerkleFrontier(size, hashes, listener);
    }

    /** {@link #restore(long, PerfectSubtreeHasher, Consumer)} without a listener. */
    public static MerkleFrontier restore(long size, PerfectSubtreeHasher store) {
        return restore(size, store, subtree -> { });
    }

    // The perfect subtrees, largest first, that make up [0, size): one per set bit of size.
    private static List<Slot> decompose(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        List<Slot> parts = new ArrayList<>();
        for (int level = 62; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                long start = size >>> (level + 1) << (level + 1);
                parts.add(new Slot(level, start >>> level));
            }
        }
        return parts;
    }

    private record Slot(int level, long index) {
    }

    /** Appends one leaf hash ({@code SHA-256(0x00 || leaf)}, not the leaf itself). */
    public void append(byte[] leafHash) {
        Merkle.requireHash(leafHash, "leafHash");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        byte[] hash = leafHash.clone();
        int level = 0;
        long index = size;
        listener.accept(new PerfectSubtree(level, index, hash));
        // Each trailing one bit of the old size is a left sibling of equal size on the stack.
        while ((size >>> level & 1) == 1) {
            hash = Merkle.nodeHash(subtrees.remove(subtrees.size() - 1), hash);
            level++;
            index >>>= 1;
            listener.accept(new PerfectSubtree(level, index, hash));
        }
        subtrees.add(hash);
        size++;
    }

    /** Appends leaf hashes in order. */
    public void appendAll(Iterable<byte[]> leafHashes) {
        leafHashes.forEach(this::append);
    }

    /** Number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** {@code MTH(D[0:size])}: folds the frontier right to left, as the RFC's recursion does. */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return Merkle.emptyRoot();
        }
        byte[] root = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = Merkle.nodeHash(subtrees.get(i), root);
        }
        return root.clone();
    }

    /** The perfect subtrees currently held, largest (leftmost) first. */
    public List<PerfectSubtree> subtrees() {
        List<Slot> shape = decompose(size);
        List<PerfectSubtree> result = new ArrayList<>(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            result.add(new PerfectSubtree(shape.get(i).level(), shape.get(i).index(), subtrees.get(i)));
        }
        return List.copyOf(result);
    }

    /** An independent copy with the same contents that reports to {@code listener}. */
    public MerkleFrontier copy(Consumer<PerfectSubtree> listener) {
        return new MerkleFrontier(size, new ArrayList<>(subtrees), listener);
    }
}
