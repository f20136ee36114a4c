package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.VerificationView;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleFrontier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the log from its stored entries alone and compares the result with everything that
 * was signed or stored about it: each entry's leaf hash, the stored subtree hashes, and the root of
 * every signed checkpoint (whose signature is checked too). An entry changed behind the service's
 * back shows up as a leaf-hash mismatch at its seq; one changed together with its leaf hash shows
 * up at the first checkpoint that covers it, and is then located to the entries since the
 * checkpoint before. Streams the log, so memory stays flat.
 */
@ApplicationScoped
public class VerificationService {
    private static final int FETCH = 10_000;
    private static final int MAX_FINDINGS = 50;

    private final AgroalDataSource dataSource;
    private final SigningKeys keys;

    VerificationService(AgroalDataSource dataSource, SigningKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    public VerificationView verify() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Deque<SignedHead> heads = signedHeads(connection);
            Map<Long, byte[]> nodes = storedNodes(connection);
            long limit = heads.isEmpty() ? 0 : heads.getLast().size;
            Run run = new Run(nodes);
            run.checkHeadsAt(0, heads);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT seq, entry, leaf_hash FROM log_entry WHERE seq < ? ORDER BY seq")) {
                query.setFetchSize(FETCH);
                query.setLong(1, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        run.leaf(rows.getLong(1), rows.getString(2), rows.getBytes(3));
                        run.checkHeadsAt(run.frontier.size(), heads);
                    }
                }
            }
            if (run.frontier.size() < limit) {
                run.find(run.frontier.size(), "entries " + run.frontier.size() + ".." + limit
                        + " are missing though a checkpoint covers them");
            }
            connection.rollback();
            boolean ok = run.findings.isEmpty();
            return new VerificationView(ok, run.frontier.size(), run.checkpoints,
                    EventService.base64(run.frontier.root()), ok ? null : run.firstBad(),
                    List.copyOf(run.findings));
        }
    }

    private Deque<SignedHead> signedHeads(Connection connection) throws SQLException {
        Deque<SignedHead> heads = new ArrayDeque<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT tree_size, root_hash, note FROM checkpoint ORDER BY tree_size")) {
            while (rows.next()) {
                heads.add(new SignedHead(rows.getLong(1), rows.getBytes(2), rows.getString(3)));
            }
        }
        return heads;
    }

    private static Map<Long, byte[]> storedNodes(Connection connection) throws SQLException {
        Map<Long, byte[]> nodes = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH);
            try (ResultSet rows = statement.executeQuery("SELECT level, idx, hash FROM merkle_node")) {
                while (rows.next()) {
                    nodes.put(nodeKey(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                }
            }
        }
        return nodes;
    }

    private static long nodeKey(int level, long index) {
        return ((long) level << 56) | index;
    }

    private record SignedHead(long size, byte[] root, String note) {
    }

    /** State of one verification pass. */
    private final class Run {
        final MerkleFrontier frontier;
        final List<String> findings = new ArrayList<>();
        final List<Long> exact = new ArrayList<>();
        final List<long[]> ranges = new ArrayList<>();
        long checkpoints;
        long lastGoodHead;

        Run(Map<Long, byte[]> nodes) {
            this.frontier = new MerkleFrontier(node -> {
                if (node.level() >= MerkleTreeStore.STORED_LEVEL) {
                    byte[] stored = nodes.get(nodeKey(node.level(), node.index()));
                    if (stored != null && !Arrays.equals(stored, node.hash())) {
                        note("stored subtree hash " + node.level() + "/" + node.index()
                                + " (entries " + node.start() + ".." + node.end() + ") differs from the recomputed one");
                    }
                }
            });
        }

        void leaf(long seq, String entry, byte[] storedLeafHash) {
            if (seq != frontier.size()) {
                find(frontier.size(), "entry " + frontier.size() + " is missing");
            }
            byte[] leafHash = Merkle.leafHash(entry.getBytes(StandardCharsets.UTF_8));
            if (!Arrays.equals(leafHash, storedLeafHash)) {
                find(seq, "entry " + seq + " does not match its stored leaf hash");
            }
            frontier.append(leafHash);
        }

        void checkHeadsAt(long size, Deque<SignedHead> heads) {
            while (!heads.isEmpty() && heads.getFirst().size == size) {
                SignedHead head = heads.removeFirst();
                checkpoints++;
                Checkpoint signed = open(head);
                if (signed == null || signed.size() != size) {
                    find(size, "checkpoint " + size + " has no valid signature by a published key");
                } else if (!Arrays.equals(frontier.root(), signed.rootHash())) {
                    ranges.add(new long[] { lastGoodHead, size });
                    note("entries " + lastGoodHead + ".." + size
                            + " were changed: the recomputed root differs from signed checkpoint " + size);
                } else {
                    if (!Arrays.equals(head.root, signed.rootHash())) {
                        find(size, "the stored root of checkpoint " + size + " differs from its signed note");
                    }
                    lastGoodHead = size;
                }
            }
        }

        private Checkpoint open(SignedHead head) {
            try {
                return Checkpoint.open(head.note, keys.all());
            } catch (NoteException | IllegalArgumentException e) {
                return null;
            }
        }

        /** A finding located at exactly this seq. */
        void find(long seq, String finding) {
            exact.add(seq);
            note(finding);
        }

        /**
         * The first entry known to be bad: an exact location, or the start of a range of entries whose
         * recomputed root differs from a signed one and that no exact finding explains.
         */
        Long firstBad() {
            Long first = exact.stream().min(Long::compare).orElse(null);
            for (long[] range : ranges) {
                boolean explained = exact.stream().anyMatch(seq -> seq >= range[0] && seq < range[1]);
                if (!explained && (first == null || range[0] < first)) {
                    first = range[0];
                }
            }
            return first;
        }

        void note(String finding) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(finding);
            }
        }
    }
}
