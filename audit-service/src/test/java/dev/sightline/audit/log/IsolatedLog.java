package dev.sightline.audit.log;

import dev.sightline.audit.Fixtures;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
        return Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", SCHEMA,
                "quarkus.flyway.schemas", SCHEMA,
                "quarkus.flyway.default-schema", SCHEMA,
                "quarkus.hibernate-orm.database.default-schema", SCHEMA,
                // so that a small log has a right-edge subtree taken from the database as well as recomputed ones
                "sightline.log.right-edge-recompute-level", "9",
                "sightline.log.verification.max-checkpoint-delay", MAX_CHECKPOINT_DELAY_MS + "ms");
    }

    /** Runs {@code sql} on a log table as the superuser with the table's append-only guard switched off. */
    static void tamper(String table, String sql, Object... parameters) throws SQLException {
        try (Connection connection = Fixtures.superuser()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + SCHEMA);
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

    static long count(String sql) throws SQLException {
        return Fixtures.count(sql.replace("${schema}", SCHEMA));
    }
}
