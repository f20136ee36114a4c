package dev.sightline.audit.analytics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Entries a worker stage could not derive (their row cannot be read, or a rule fails on it): kept in
 * {@code analytics_quarantine} with the stage and the reason, in the same transaction that moves the stage's cursor
 * past them, so one entry never halts the worker. They are left out of every figure; each answer covering them says
 * how many it could not classify. The gauge {@code sightline.analytics.quarantined} counts them.
 */
@Startup
@ApplicationScoped
class Quarantine {
    private static final int MAX_REASON = 1000;

    private final AgroalDataSource dataSource;

    Quarantine(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        // held strongly: a gauge holds what it reads weakly by default, and vanishes from the scrape once that is
        // collected (AnalyticsTest saw it missing once); this bean lives as long as the service anyway
        Gauge.builder("sightline.analytics.quarantined", this, Quarantine::countNow)
                .description("Log entries the analytics worker could not derive and left out of every figure")
                .strongReference(true)
                .register(registry);
    }

    /** Quarantines one entry unless it already is; true when it was new. */
    boolean add(Connection c, long seq, String stage, Exception cause) throws SQLException {
        String reason = reason(cause);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO analytics_quarantine (seq, stage, reason) "
                + "VALUES (?, ?, ?) ON CONFLICT (seq) DO NOTHING")) {
            insert.setLong(1, seq);
            insert.setString(2, stage);
            insert.setString(3, reason);
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        Log.errorf(cause, "analytics %s stage: entry %d quarantined and left out of the figures: %s", stage, seq,
                reason);
        return true;
    }

    static String reason(Exception cause) {
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    /** All quarantined entries. */
    static long count(Connection c) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM analytics_quarantine")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private double countNow() {
        try (Connection c = dataSource.getConnection()) {
            return count(c);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /**
     * The quarantined entries below {@code size} that an answer would have covered: quarantined by {@code stage}
     * (any stage when null), of the partnerships named (all when null), that occurred in [from, to) (open where
     * null), with {@code action} (any when null).
     */
    static long unclassified(Connection c, long size, String stage, List<UUID> partnershipIds, Instant from,
            Instant to, String action) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM analytics_quarantine q JOIN log_entry l "
                + "ON l.seq = q.seq WHERE q.seq < ?");
        List<Object> params = new ArrayList<>(List.of(size));
        if (stage != null) {
            sql.append(" AND q.stage = ?");
            params.add(stage);
        }
        if (partnershipIds != null) {
            sql.append(" AND l.partnership_id = ANY(?)");
            params.add(c.createArrayOf("uuid", partnershipIds.toArray()));
        }
        if (from != null) {
            sql.append(" AND l.occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND l.occurred_at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        if (action != null) {
            sql.append(" AND l.action = ?");
            params.add(action);
        }
        try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
