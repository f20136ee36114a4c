package dev.sightline.audit.log;

import dev.sightline.audit.Fixtures;
import dev.sightline.verifier.merkle.MerkleFrontier;
import dev.sightline.verifier.merkle.PerfectSubtree;
import dev.sightline.verifier.note.Checkpoint;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A log of its own in schema {@value #SCHEMA}, for drills that damage it for good (what an insider with the database
 * owner's rights can do); the other tests' log in schema {@code audit} is never touched.
 */
public class IsolatedLog implements QuarkusTestProfile {
    static final String SCHEMA = "audit_drill";
    static final long MAX_CHECKPOINT_DELAY_MS = 3_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides(SCHEMA);
    }

    /** The settings of a log of its own in {@code schema}. */
    static Map<String, String> overrides(String schema) {
        return Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", schema,
                "quarkus.flyway.schemas", schema,
                "quarkus.flyway.default-schema", schema,
                "quarkus.hibernate-orm.database.default-schema", schema,
                // so that a small log has a right-edge subtree taken from the database as well as recomputed ones
                "sightline.log.right-edge-recompute-level", "9",
                "sightline.log.verification.max-checkpoint-delay", MAX_CHECKPOINT_DELAY_MS + "ms");
    }

    /** Runs {@code sql} on a log table as the superuser with the table's append-only guard switched off. */
    static void tamper(String table, String sql, Object... parameters) throws SQLException {
        tamperIn(SCHEMA, table, sql, parameters);
    }

    /** {@link #tamper} in the log of {@code schema}. */
    static void tamperIn(String schema, String table, String sql, Object... parameters) throws SQLException {
        try (Connection connection = Fixtures.superuser()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + schema);
                statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_no_change");
            }
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    update.setObject(i + 1, parameters[i]);
                }
                update.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + table + "_no_change");
            }
            connection.commit();
        }
    }

    /**
     * Ends the database session of the replica that integrates, as a restart or a failover does: the integrator takes
     * the lock again and restores the tree from what is stored.
     */
    static void restartIntegrator() throws SQLException {
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND classid::bigint = " + (CheckpointIntegrator.LEADER_LOCK >>> 32)
                    + " AND objid::bigint = " + (CheckpointIntegrator.LEADER_LOCK & 0xffff_ffffL)
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        }
    }

    /** Subtrees and a checkpoint over the entries as they are now, as the service signs them after a restart. */
    static void signAsAFreshReplicaWould(String schema, SigningKeys keys, long from, long size) throws SQLException {
        MerkleFrontier frontier;
        try (Connection owner = Fixtures.superuser()) {
            List<PerfectSubtree> nodes = new ArrayList<>();
            frontier = new MerkleFrontier(node -> {
                if (node.level() >= 8 && node.end() > from) {
                    nodes.add(node);
                }
            });
            try (PreparedStatement query = owner.prepareStatement(
                    "SELECT leaf_hash FROM " + schema + ".log_entry WHERE seq < ? ORDER BY seq")) {
                query.setLong(1, size);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        frontier.append(rows.getBytes(1));
                    }
                }
            }
            try (PreparedStatement insert = owner.prepareStatement("INSERT INTO " + schema
                    + ".merkle_node (level, idx, hash) VALUES (?, ?, ?)")) {
                for (PerfectSubtree node : nodes) {
                    insert.setInt(1, node.level());
                    insert.setLong(2, node.index());
                    insert.setBytes(3, node.hash());
                    insert.executeUpdate();
                }
            }
            byte[] root = frontier.root();
            try (PreparedStatement insert = owner.prepareStatement("INSERT INTO " + schema
                    + ".checkpoint (tree_size, root_hash, note, key_id, signed_at) VALUES (?, ?, ?, ?, now())")) {
                insert.setLong(1, size);
                insert.setBytes(2, root);
                insert.setString(3, new Checkpoint("sightline.example/audit-log", size, root).sign(keys.signer()));
                insert.setString(4, keys.active().keyIdHex());
                insert.executeUpdate();
            }
        }
    }

    static long count(String sql) throws SQLException {
        return Fixtures.count(sql.replace("${schema}", SCHEMA));
    }
}
