package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.rest.dto.CheckpointRef;
import dev.sightline.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Where every analytics query reads: one repeatable-read snapshot, so the worker's cursor, the rollups and the
 * cited checkpoint agree. Plain JDBC: the queries are big aggregations whose bitmaps are united in memory.
 */
@ApplicationScoped
class Snapshots {
    private final AgroalDataSource dataSource;

    Snapshots(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    /** One repeatable-read snapshot, so cursor, rollups and checkpoint agree. */
    <T> T read(Read<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return work.apply(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query failed", e);
        }
    }

    /** The checkpoint of that size, which an answer computed below it cites. */
    static CheckpointRef checkpoint(Connection c, long size) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT root_hash FROM checkpoint WHERE tree_size = ?")) {
            select.setLong(1, size);
            try (ResultSet rows = select.executeQuery()) {
                return new CheckpointRef(size, rows.next() ? Base64.getEncoder().encodeToString(rows.getBytes(1)) : null);
            }
        }
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    static void checkPeriod(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
    }
}
