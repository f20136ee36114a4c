package dev.sightline.audit.analytics;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The analytics worker's health. Readiness ({@code /q/health/ready}, always UP: the log takes events whatever the
 * worker does) shows how far each stage is behind the log ({@code rollupLag}, {@code verdictLag}: entries not yet
 * derived, those after the newest checkpoint included), how long the oldest of them has waited since it was
 * received, and how many entries are quarantined. Liveness ({@code /q/health/live}, no database access) is DOWN
 * only when this replica's worker is stuck: a pass that has moved no cursor for
 * {@code sightline.analytics.stuck-after}, which a restart clears. A lag alone is no fault (after a rebuild it is
 * the whole log), nor are failing passes, which are retried and shown as {@code failingSince} and {@code lastError}.
 */
@ApplicationScoped
class AnalyticsHealth {
    static final String NAME = "analytics-worker";

    private final AgroalDataSource dataSource;
    private final AnalyticsWorker worker;
    private final AnalyticsConfig config;

    AnalyticsHealth(AgroalDataSource dataSource, AnalyticsWorker worker, AnalyticsConfig config) {
        this.dataSource = dataSource;
        this.worker = worker;
        this.config = config;
    }

    @Produces
    @Liveness
    HealthCheck stuck() {
        return () -> {
            Duration stalled = worker.stalledFor();
            HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME)
                    .status(stalled.compareTo(config.stuckAfter()) < 0)
                    .withData("enabled", config.enabled());
            if (!stalled.isZero()) {
                health.withData("passWithoutProgressSeconds", stalled.toSeconds());
            }
            return health.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck lag() {
        return this::lagAndQuarantine;
    }

    private HealthCheckResponse lagAndQuarantine() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up().withData("enabled", config.enabled());
        if (worker.failingSince() != null) {
            health.withData("failingSince", worker.failingSince().toString())
                    .withData("lastError", worker.lastError());
        }
        try (Connection c = dataSource.getConnection()) {
            long size = logSize(c);
            long rollup = AnalyticsWorker.cursor(c, AnalyticsWorker.ROLLUP);
            long verdict = AnalyticsWorker.cursor(c, AnalyticsWorker.VERDICT);
            long crossing = AnalyticsWorker.cursor(c, AnalyticsWorker.CROSSING);
            health.withData("logSize", size)
                    .withData("rollupCursor", rollup)
                    .withData("rollupLag", size - rollup)
                    .withData("verdictCursor", verdict)
                    .withData("verdictLag", size - verdict)
                    .withData("crossingLag", verdict - crossing)
                    .withData("oldestUnprocessedSeconds", oldestWaiting(c, Math.min(rollup, verdict), size))
                    .withData("quarantined", Quarantine.count(c));
        } catch (SQLException e) {
            // the datasource's own readiness check reports the database; this check is about the worker
            health.withData("lagUnknown", Quarantine.reason(e));
        }
        return health.build();
    }

    private static long logSize(Connection c) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery("SELECT coalesce(max(seq) + 1, 0) FROM log_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Seconds since the first entry not derived by both stages was received; 0 when there is none. */
    private static long oldestWaiting(Connection c, long cursor, long size) throws SQLException {
        if (cursor >= size) {
            return 0;
        }
        try (PreparedStatement select = c.prepareStatement("SELECT received_at FROM log_entry WHERE seq = ?")) {
            select.setLong(1, cursor);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Math.max(0, Duration.between(rows.getObject(1, OffsetDateTime.class).toInstant(),
                        Instant.now()).toSeconds()) : 0;
            }
        }
    }
}
