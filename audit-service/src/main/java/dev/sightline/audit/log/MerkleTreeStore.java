package dev.sightline.audit.log;

import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.PerfectSubtree;
import dev.sightline.verifier.merkle.PerfectSubtreeHasher;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hashes proofs are made of. Perfect subtrees of height 8 and more are stored in
 * {@code merkle_node} and kept in memory (n/128 hashes: 25 MB at 10^8 entries); anything lower is
 * folded from at most 256 leaf hashes read in one range query (complete blocks of 256, which never
 * change, stay in a 32 MiB LRU cache). So an inclusion or consistency proof
 * costs at most two small queries at any log size, and the tree is never rebuilt per request.
 */
@ApplicationScoped
class MerkleTreeStore {
    /** Lowest stored level: nodes below are recomputed from leaf hashes. */
    static final int STORED_LEVEL = 8;
    private static final int BLOCK = 1 << STORED_LEVEL;

    /** Complete blocks of 256 leaf hashes recently read (immutable once complete): 8 KiB each. */
    private static final int CACHED_BLOCKS = 4096;

    private final AgroalDataSource dataSource;
    private final HashColumn[] levels = new HashColumn[64];
    private final Map<Long, byte[]> blockCache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                    return size() > CACHED_BLOCKS;
                }
            });
    /** Size of the newest checkpoint this replica knows of; its nodes are in memory. */
    private volatile long signedSize = -1;

    MerkleTreeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        for (int level = STORED_LEVEL; level < levels.length; level++) {
            levels[level] = new HashColumn();
        }
    }

    /** Keeps nodes the integrator just stored with the checkpoint of {@code size}. */
    void remember(List<PerfectSubtree> nodes, long size) {
        for (PerfectSubtree node : nodes) {
            levels[node.level()].put(node.index(), node.hash());
        }
        signedSize = Math.max(signedSize, size);
    }

    /**
     * The size of the newest signed checkpoint, with its nodes in memory: from memory when it covers
     * {@code atLeast}, else read anew (another replica may have signed since). -1 if none yet.
     */
    long signedSize(long atLeast) throws SQLException {
        long known = signedSize;
        if (known >= 0 && known >= atLeast) {
            return known;
        }
        long newest;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT max(tree_size) FROM checkpoint")) {
            row.next();
            newest = row.getObject(1) == null ? -1 : row.getLong(1);
        }
        if (newest > known) {
            catchUp(newest);
            signedSize = Math.max(signedSize, newest);
        }
        return signedSize;
    }

    /** Reads stored nodes this replica has not seen yet, enough to serve trees of {@code size}. */
    void catchUp(long size) throws SQLException {
        boolean behind = false;
        for (int level = STORED_LEVEL; level < levels.length && (size >> level) > 0; level++) {
            behind |= levels[level].count() < (size >> level);
        }
        if (!behind) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT idx, hash FROM merkle_node WHERE level = ? AND idx >= ? ORDER BY idx")) {
            for (int level = STORED_LEVEL; level < levels.length && (size >> level) > 0; level++) {
                HashColumn column = levels[level];
                if (column.count() >= (size >> level)) {
                    continue;
                }
                query.setInt(1, level);
                query.setLong(2, column.count());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        column.put(rows.getLong(1), rows.getBytes(2));
                    }
                }
            }
        }
    }

    /**
     * A hasher for the perfect subtrees of one tree, for one request: the leaf blocks it reads are
     * cached for the request only.
     */
    PerfectSubtreeHasher hasher() {
        return hasher(List.of());
    }

    /** {@link #hasher()} that also knows {@code pending}: subtrees about to be stored with a new checkpoint. */
    PerfectSubtreeHasher hasher(List<PerfectSubtree> pending) {
        Map<Long, byte[]> blocks = new HashMap<>();
        Map<Long, byte[]> extra = new HashMap<>();
        pending.forEach(node -> extra.put(((long) node.level() << 56) | node.index(), node.hash()));
        return (level, index) -> {
            if (level >= STORED_LEVEL) {
                byte[] hash = levels[level].get(index);
                if (hash == null) {
                    hash = extra.get(((long) level << 56) | index);
                }
                if (hash == null) {
                    throw new IllegalStateException("Subtree " + level + "/" + index + " is not integrated yet");
                }
                return hash;
            }
            long start = index << level;
            long block = start / BLOCK;
            byte[] leaves = blocks.computeIfAbsent(block, this::block);
            int from = (int) (start - block * BLOCK);
            int to = from + (1 << level);
            if (to * Merkle.HASH_SIZE > leaves.length) {
                throw new IllegalStateException("Leaves " + start + ".." + (start + (1 << level)) + " are not stored");
            }
            List<byte[]> hashes = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                hashes.add(Arrays.copyOfRange(leaves, i * Merkle.HASH_SIZE, (i + 1) * Merkle.HASH_SIZE));
            }
            return Merkle.rootOf(hashes);
        };
    }

    /** The leaf hashes of one 256-aligned block, concatenated; complete blocks come from the cache. */
    private byte[] block(long block) {
        byte[] cached = blockCache.get(block);
        if (cached != null) {
            return cached;
        }
        byte[] leaves = readBlock(block);
        if (leaves.length == BLOCK * Merkle.HASH_SIZE) {
            blockCache.put(block, leaves);
        }
        return leaves;
    }

    /** The leaf hashes of one 256-aligned block (fewer at the end of the log), concatenated. */
    private byte[] readBlock(long block) {
        ByteArrayOutputStream leaves = new ByteArrayOutputStream(BLOCK * Merkle.HASH_SIZE);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT leaf_hash FROM log_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            query.setLong(1, block * BLOCK);
            query.setLong(2, (block + 1) * BLOCK);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    leaves.writeBytes(rows.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading leaf hashes failed", e);
        }
        return leaves.toByteArray();
    }

    /** A growable array of 32-byte hashes indexed from 0, filled in order. */
    private static final class HashColumn {
        private byte[] data = new byte[Merkle.HASH_SIZE * 1024];
        private int count;

        synchronized int count() {
            return count;
        }

        synchronized void put(long index, byte[] hash) {
            if (index < count) {
                return;
            }
            if (index != count) {
                throw new IllegalStateException("Subtree " + index + " stored before " + count);
            }
            if ((count + 1) * Merkle.HASH_SIZE > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            System.arraycopy(hash, 0, data, count * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
            count++;
        }

        synchronized byte[] get(long index) {
            if (index >= count) {
                return null;
            }
            int offset = (int) index * Merkle.HASH_SIZE;
            return Arrays.copyOfRange(data, offset, offset + Merkle.HASH_SIZE);
        }
    }
}
