package dev.sightline.audit.log;

import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleFrontier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.NoteVerifier;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The right edge (frontier) of the tree at the last signed checkpoint, rebuilt from what is stored and checked
 * against that checkpoint's signed root before anything stored is trusted to extend it.
 *
 * <p>The frontier at size N is one perfect subtree per set bit of N. The recent ones, of fewer than
 * {@code 2^recomputeLevel} leaves each (2^16 by default), are recomputed from the stored entries (each leaf hash
 * recomputed from its entry), so the stored rows are compared with the entries themselves; together they cover
 * fewer than 65,536 entries whatever the log's size. The older, larger ones are taken from {@code merkle_node}, each checked against
 * its two stored children, and all of them are folded and compared with the checkpoint's signed root, which no
 * wrong subtree can match. At 10^8 entries this reads at most 65,535 entries and about 30 stored hashes (under a
 * second), where recomputing the largest right-edge subtree from its leaves would read 67 million entries.
 */
final class RightEdge {
    private RightEdge() {
    }

    /** The last signed checkpoint as stored. */
    record Head(long size, byte[] root, String note) {
    }

    /** The frontier at {@code head}, checked against its signed root; throws when what is stored disagrees. */
    static MerkleFrontier rebuild(Connection connection, Head head, Collection<NoteVerifier> keys, int recomputeLevel)
            throws SQLException, IntegrityException {
        Checkpoint signed;
        try {
            signed = Checkpoint.open(head.note(), keys);
        } catch (NoteException | IllegalArgumentException e) {
            throw new IntegrityException("checkpoint " + head.size() + " has no valid signature by a published key",
                    head.size());
        }
        if (signed.size() != head.size() || !MessageDigest.isEqual(signed.rootHash(), head.root())) {
            throw new IntegrityException("the stored size or root of checkpoint " + head.size()
                    + " differs from its signed note", head.size());
        }
        Map<Long, byte[]> parts = new HashMap<>();
        for (Part part : parts(head.size())) {
            byte[] stored = part.level() >= MerkleTreeStore.STORED_LEVEL
                    ? storedNode(connection, part.level(), part.index()) : null;
            if (part.level() >= MerkleTreeStore.STORED_LEVEL && stored == null) {
                throw new IntegrityException(describe(part) + " is missing from merkle_node", part.start());
            }
            byte[] hash;
            if (part.level() < recomputeLevel) {
                hash = fromEntries(connection, part.start(), part.end());
                if (stored != null && !MessageDigest.isEqual(stored, hash)) {
                    throw new IntegrityException(describe(part) + " differs from the hash of its entries",
                            part.start());
                }
            } else {
                hash = stored;
                byte[] left = storedNode(connection, part.level() - 1, part.index() * 2);
                byte[] right = storedNode(connection, part.level() - 1, part.index() * 2 + 1);
                if (left == null || right == null || !MessageDigest.isEqual(hash, Merkle.nodeHash(left, right))) {
                    throw new IntegrityException(describe(part) + " differs from the hash of its two stored children",
                            part.start());
                }
            }
            parts.put(key(part.level(), part.index()), hash);
        }
        MerkleFrontier frontier = MerkleFrontier.restore(head.size(),
                (level, index) -> parts.get(key(level, index)));
        if (!MessageDigest.isEqual(frontier.root(), head.root())) {
            throw new IntegrityException("the right edge of the stored tree (entries 0.." + head.size()
                    + ") does not give the root signed in checkpoint " + head.size()
                    + "; a verification locates the change", 0);
        }
        return frontier;
    }

    /** One perfect subtree of the right edge: leaves {@code [index * 2^level, (index + 1) * 2^level)}. */
    record Part(int level, long index) {
        long start() {
            return index << level;
        }

        long end() {
            return (index + 1) << level;
        }
    }

    /** The perfect subtrees of {@code [0, size)}, largest first. */
    static List<Part> parts(long size) {
        List<Part> parts = new ArrayList<>();
        for (int level = 62; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                long start = size >>> (level + 1) << (level + 1);
                parts.add(new Part(level, start >>> level));
            }
        }
        return parts;
    }

    private static String describe(Part part) {
        return "stored subtree " + part.level() + "/" + part.index() + " (entries " + part.start() + ".."
                + part.end() + ")";
    }

    private static long key(int level, long index) {
        return ((long) level << 56) | index;
    }

    private static byte[] storedNode(Connection connection, int level, long index) throws SQLException {
        if (level < MerkleTreeStore.STORED_LEVEL) {
            return null;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?")) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    /** The hash of the entries {@code [start, end)}, each leaf hash recomputed from its stored entry. */
    private static byte[] fromEntries(Connection connection, long start, long end)
            throws SQLException, IntegrityException {
        MerkleFrontier frontier = new MerkleFrontier();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seq, entry, leaf_hash FROM log_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            query.setFetchSize(10_000);
            query.setLong(1, start);
            query.setLong(2, end);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    if (seq != start + frontier.size()) {
                        throw new IntegrityException("entry " + (start + frontier.size())
                                + " is missing though a checkpoint covers it", start + frontier.size());
                    }
                    // the text's bytes as sent by the server: its UTF-8 encoding, what the leaf hash is over
                    byte[] leafHash = Merkle.leafHash(rows.getBytes(2));
                    if (!MessageDigest.isEqual(leafHash, rows.getBytes(3))) {
                        throw new IntegrityException("entry " + seq + " does not match its stored leaf hash", seq);
                    }
                    frontier.append(leafHash);
                }
            }
        }
        if (frontier.size() != end - start) {
            long missing = start + frontier.size();
            throw new IntegrityException("entry " + missing + " is missing though a checkpoint covers it", missing);
        }
        return frontier.root();
    }
}
