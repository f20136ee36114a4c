package dev.sightline.audit.log;

import dev.sightline.support.health.DatabaseHealth;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleFrontier;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.merkle.MerkleVerifier;
import dev.sightline.verifier.merkle.PerfectSubtree;
import dev.sightline.verifier.note.Checkpoint;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Extends the Merkle tree over new entries and signs a checkpoint for it, every
 * {@code sightline.log.checkpoint-interval} while entries arrive and on demand. Only one replica
 * integrates at a time: the one holding a session-level advisory lock; the others only catch up on
 * stored nodes so they can serve proofs.
 *
 * <p>It never signs a root that does not extend the last signed checkpoint. When it takes over (at start, or on
 * regaining the lock) it rebuilds the right edge of the tree at the last checkpoint and checks it against that
 * checkpoint's signed root ({@link RightEdge}); before each signature it proves the new root consistent with the
 * previous checkpoint by a consistency proof made from the stored subtrees and verified as any client would. When
 * either fails, signing stops ({@link LogIntegrity}) until the check passes again; appends go on being
 * acknowledged and stored, and the next checkpoint covers them.
 */
@ApplicationScoped
class CheckpointIntegrator {
    static final long LEADER_LOCK = 0x5349_4748_544c_0002L;
    private static final int READ_CHUNK = 50_000;

    private final AgroalDataSource dataSource;
    private final MerkleTreeStore store;
    private final SigningKeys keys;
    private final LogConfig config;
    private final CommittedLeaves committed;
    private final DatabaseHealth database;
    private final LogIntegrity integrity;
    private final Witnesses witnesses;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private ScheduledExecutorService timer;
    private Connection leadership;
    private MerkleFrontier frontier;
    private volatile long integratedSize = -1;
    private volatile CheckpointRecord latest;
    /** The last signed checkpoint: each new root is proven consistent with it. */
    private RightEdge.Head previous;
    /** Set when the stored tree failed a check: nothing is signed until leadership is taken anew. */
    private IntegrityException stopped;
    private long failedTicks;

    CheckpointIntegrator(AgroalDataSource dataSource, MerkleTreeStore store, SigningKeys keys, LogConfig config,
            CommittedLeaves committed, DatabaseHealth database, LogIntegrity integrity, Witnesses witnesses,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.committed = committed;
        this.database = database;
        this.integrity = integrity;
        this.witnesses = witnesses;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password.orElse("");
        this.store = store;
        this.keys = keys;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "checkpoint-integrator");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.checkpointInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        closeLeadership();
    }

    /**
     * Integrates whatever is appended now and returns the size of the newest checkpoint; throws while signing is
     * stopped because the stored tree failed a check.
     */
    synchronized long integrateNow() throws SQLException, IntegrityException {
        if (!leader()) {
            // another replica integrates; it signs within one interval
            return -1;
        }
        if (stopped != null) {
            throw stopped;
        }
        try {
            return integrate();
        } catch (IntegrityException e) {
            stop(e);
            throw e;
        }
    }

    /** The newest checkpoint this replica signed, kept to serve while the database cannot be read. */
    Optional<CheckpointRecord> latestSigned() {
        return Optional.ofNullable(latest);
    }

    private synchronized void tick() {
        if (!database.migrated()) {
            return;
        }
        try {
            if (leader() && stopped == null) {
                integrate();
            }
            if (failedTicks > 0) {
                Log.infof("Checkpoint integration works again after %d failed attempts", failedTicks);
                failedTicks = 0;
            }
        } catch (IntegrityException e) {
            stop(e);
        } catch (SQLException e) {
            // a database outage: said once when it starts, not every interval while it lasts
            if (failedTicks++ == 0) {
                Log.warnf("Checkpoint integration fails (%s); retrying every %s", DatabaseHealth.reason(e),
                        config.checkpointInterval());
            }
            frontier = null;
            closeLeadership();
        } catch (RuntimeException e) {
            failedTicks++;
            Log.errorf(e, "Checkpoint integration failed; retrying in %s", config.checkpointInterval());
            frontier = null;
            closeLeadership();
        }
    }

    private void stop(IntegrityException e) {
        stopped = e;
        integrity.broken(e);
    }

    private long integrate() throws SQLException, IntegrityException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (frontier == null) {
                restore(connection);
            }
            List<CommittedLeaves.Range> fresh = committed.drain();
            long target = logSize(connection);
            if (!fresh.isEmpty()) {
                // committed after the size was read, so also durable and visible
                target = Math.max(target, fresh.get(fresh.size() - 1).end());
            }
            if (target == integratedSize) {
                connection.rollback();
                return integratedSize;
            }
            if (target < frontier.size()) {
                throw new IntegrityException("the log has " + target + " entries, fewer than the " + frontier.size()
                        + " checkpoint " + integratedSize + " covers", target);
            }
            List<PerfectSubtree> stored = new ArrayList<>();
            MerkleFrontier next = frontier.copy(node -> {
                if (node.level() >= MerkleTreeStore.STORED_LEVEL) {
                    stored.add(node);
                }
            });
            extend(connection, next, fresh, target);
            byte[] root = next.root();
            proveConsistency(target, root, stored);
            String note = new Checkpoint(config.origin(), target, root).sign(keys.signer());
            insertNodes(connection, stored);
            CheckpointRecord signed = insertCheckpoint(connection, target, root, note);
            connection.commit();
            latest = signed;
            previous = new RightEdge.Head(target, root, note);
            witnesses.offer(signed);
            store.remember(stored, target);
            frontier = next;
            integratedSize = target;
            return target;
        }
    }

    /** Picks up where the newest checkpoint left off, once its right edge is checked against its signed root. */
    private void restore(Connection connection) throws SQLException, IntegrityException {
        RightEdge.Head head = null;
        CheckpointRecord newest = null;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT tree_size, root_hash, note, key_id, signed_at "
                        + "FROM checkpoint ORDER BY tree_size DESC LIMIT 1")) {
            if (row.next()) {
                head = new RightEdge.Head(row.getLong(1), row.getBytes(2), row.getString(3));
                newest = new CheckpointRecord();
                newest.treeSize = head.size();
                newest.rootHash = row.getBytes(2);
                newest.note = row.getString(3);
                newest.keyId = row.getString(4);
                newest.signedAt = row.getTimestamp(5).toInstant();
            }
        }
        long size = head == null ? 0 : head.size();
        CheckpointRecord signedHere = latest;
        if (signedHere != null && signedHere.treeSize > size) {
            throw new IntegrityException("checkpoint " + signedHere.treeSize + ", which this replica signed, is no "
                    + "longer stored (the newest stored is " + (head == null ? "none" : size) + ")", size);
        }
        long started = System.nanoTime();
        MerkleFrontier checked = head == null ? new MerkleFrontier() : RightEdge.rebuild(connection, head, keys.all(),
                config.rightEdgeRecomputeLevel());
        store.catchUp(size);
        if (head != null) {
            store.remember(List.of(), size);
        }
        frontier = checked;
        previous = head;
        integratedSize = head == null ? -1 : size;
        integrity.sound();
        if (newest != null) {
            // witnesses may not have cosigned the newest checkpoint before the last leader stopped
            witnesses.offer(newest);
        }
        Log.infof("Integrator restored the tree at size %d; its right edge agrees with the signed root (%d ms)", size,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Proves the tree of {@code size} with {@code root} extends the last signed checkpoint: a consistency proof made
     * from the stored subtrees (and {@code pending}, those stored with this checkpoint), verified against both roots.
     */
    private void proveConsistency(long size, byte[] root, List<PerfectSubtree> pending) throws IntegrityException {
        if (previous == null) {
            return;
        }
        List<byte[]> proof;
        try {
            proof = MerkleProofs.consistencyProof(previous.size(), size, Merkle.rangeHasher(store.hasher(pending)));
        } catch (IllegalStateException e) {
            throw new IntegrityException("no consistency proof from checkpoint " + previous.size() + " to size " + size
                    + " can be made from the stored tree: " + e.getMessage(), previous.size());
        }
        if (!MerkleVerifier.isConsistencyValid(previous.size(), size, previous.root(), root, proof)) {
            throw new IntegrityException("the root at size " + size + " is not consistent with checkpoint "
                    + previous.size() + " by the stored subtrees", previous.size());
        }
    }

    private static long logSize(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(seq) + 1, 0) FROM log_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Appends the leaves up to {@code target}: from memory where the appender handed them over, else read. */
    private static void extend(Connection connection, MerkleFrontier frontier, List<CommittedLeaves.Range> fresh,
            long target) throws SQLException {
        for (CommittedLeaves.Range range : fresh) {
            if (range.end() <= frontier.size()) {
                continue;
            }
            if (range.first() > frontier.size()) {
                appendLeaves(connection, frontier, frontier.size(), Math.min(range.first(), target));
            }
            for (long seq = frontier.size(); seq < range.end() && seq < target; seq++) {
                frontier.append(range.leafHashes().get((int) (seq - range.first())));
            }
        }
        if (frontier.size() < target) {
            appendLeaves(connection, frontier, frontier.size(), target);
        }
    }

    private static void appendLeaves(Connection connection, MerkleFrontier frontier, long from, long to)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seq, leaf_hash FROM log_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            for (long start = from; start < to; start += READ_CHUNK) {
                query.setLong(1, start);
                query.setLong(2, Math.min(to, start + READ_CHUNK));
                long expected = start;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getLong(1) != expected++) {
                            throw new IllegalStateException("The log has a gap before seq " + rows.getLong(1));
                        }
                        frontier.append(rows.getBytes(2));
                    }
                }
            }
        }
        if (frontier.size() != to) {
            throw new IllegalStateException("Read " + frontier.size() + " leaves, expected " + to);
        }
    }

    private static void insertNodes(Connection connection, List<PerfectSubtree> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (PerfectSubtree node : nodes) {
                insert.setInt(1, node.level());
                insert.setLong(2, node.index());
                insert.setBytes(3, node.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private CheckpointRecord insertCheckpoint(Connection connection, long size, byte[] root, String note)
            throws SQLException {
        CheckpointRecord signed = new CheckpointRecord();
        signed.treeSize = size;
        signed.rootHash = root;
        signed.note = note;
        signed.keyId = keys.active().keyIdHex();
        signed.signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO checkpoint (tree_size, root_hash, note, key_id, signed_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, size);
            insert.setBytes(2, root);
            insert.setString(3, note);
            insert.setString(4, signed.keyId);
            insert.setTimestamp(5, Timestamp.from(signed.signedAt));
            insert.executeUpdate();
        }
        return signed;
    }

    /** True while this replica holds the integrator lock; tries to take it when free. */
    private boolean leader() throws SQLException {
        if (leadership != null && leadership.isValid(1)) {
            return true;
        }
        closeLeadership();
        // Not from the pool: the lock belongs to the session, which must end when leadership does.
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
            row.next();
            if (row.getBoolean(1)) {
                leadership = connection;
                // taking over: the stored tree is checked again before anything is signed
                frontier = null;
                stopped = null;
                return true;
            }
        }
        connection.close();
        return false;
    }

    private void closeLeadership() {
        if (leadership != null) {
            try {
                leadership.close();
            } catch (SQLException ignored) {
                // the session ends either way, and with it the advisory lock
            }
            leadership = null;
        }
    }
}
