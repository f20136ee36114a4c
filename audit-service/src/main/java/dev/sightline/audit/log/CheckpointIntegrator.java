package dev.sightline.audit.log;

import dev.sightline.verifier.merkle.MerkleFrontier;
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
    private final Witnesses witnesses;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private ScheduledExecutorService timer;
    private Connection leadership;
    private MerkleFrontier frontier;
    private volatile long integratedSize = -1;
    private volatile CheckpointRecord latest;
    private long failedTicks;

    CheckpointIntegrator(AgroalDataSource dataSource, MerkleTreeStore store, SigningKeys keys, LogConfig config,
            CommittedLeaves committed, DatabaseHealth database, Witnesses witnesses,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.committed = committed;
        this.database = database;
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

    /** Integrates whatever is appended now and returns the size of the newest checkpoint. */
    synchronized long integrateNow() throws SQLException {
        if (!leader()) {
            // another replica integrates; it signs within one interval
            return -1;
        }
        return integrate();
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
            if (leader()) {
                integrate();
            }
            if (failedTicks > 0) {
                Log.infof("Checkpoint integration works again after %d failed attempts", failedTicks);
                failedTicks = 0;
            }
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

    private long integrate() throws SQLException {
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
            List<PerfectSubtree> stored = new ArrayList<>();
            MerkleFrontier next = frontier.copy(node -> {
                if (node.level() >= MerkleTreeStore.STORED_LEVEL) {
                    stored.add(node);
                }
            });
            extend(connection, next, fresh, target);
            byte[] root = next.root();
            String note = new Checkpoint(config.origin(), target, root).sign(keys.signer());
            insertNodes(connection, stored);
            CheckpointRecord signed = insertCheckpoint(connection, target, root, note);
            connection.commit();
            latest = signed;
            witnesses.offer(signed);
            store.remember(stored, target);
            frontier = next;
            integratedSize = target;
            return target;
        }
    }

    /** Picks up where the newest checkpoint left off. */
    private void restore(Connection connection) throws SQLException {
        long size = 0;
        boolean any = false;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT tree_size, root_hash, note, key_id, signed_at "
                        + "FROM checkpoint ORDER BY tree_size DESC LIMIT 1")) {
            if (row.next()) {
                size = row.getLong(1);
                any = true;
                CheckpointRecord newest = new CheckpointRecord();
                newest.treeSize = size;
                newest.rootHash = row.getBytes(2);
                newest.note = row.getString(3);
                newest.keyId = row.getString(4);
                newest.signedAt = row.getTimestamp(5).toInstant();
                // witnesses may not have cosigned the newest checkpoint before the last leader stopped
                witnesses.offer(newest);
            }
        }
        store.catchUp(size);
        if (any) {
            store.remember(List.of(), size);
        }
        frontier = MerkleFrontier.restore(size, store.hasher());
        integratedSize = any ? size : -1;
        Log.infof("Integrator restored the tree at size %d", size);
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
                frontier = null;
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
