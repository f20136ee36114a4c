package dev.sightline.audit.analytics;

import dev.sightline.support.health.DatabaseHealth;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Derives everything the analytics endpoints read, from the log, in the background; ingestion never waits for
 * it. Two stages, each with its own cursor in {@code analytics_cursor}, each transaction ending exactly at the
 * size of a signed checkpoint so figures can cite one: the {@link RollupStage} (statistics and the authority
 * register), then the {@link VerdictStage} (verdicts and exposure), which never passes the rollup stage. Then
 * the due pending verdicts are retried, and, behind the verdict stage on a cursor of its own, the {@link CrossingStage}
 * holds threshold crossings to the recorded transfer mechanisms.
 * <p>
 * Plain JDBC through the Agroal data source: bitmaps are merged in memory and written back in batches, which
 * Hibernate would only slow down. Only the replica holding the advisory lock works; a transaction that fails
 * leaves its cursor where it was, so nothing is lost or counted twice. An entry a stage cannot derive is
 * quarantined ({@link Quarantine}) and passed over, so no single entry can hold the worker up.
 */
@ApplicationScoped
class AnalyticsWorker {
    static final long LOCK = 0x616e616c79L;
    static final String ROLLUP = "rollup";
    static final String VERDICT = "verdict";
    static final String CROSSING = "crossing";

    private final AgroalDataSource dataSource;
    private final RollupStage rollup;
    private final VerdictStage verdicts;
    private final CrossingStage crossings;
    private final AnalyticsConfig config;
    private final DatabaseHealth database;
    private final int witnessQuorum;
    /** When the crossings were last evaluated (System.nanoTime), 0 before the first time. */
    private long crossingsCheckedAt;
    /** When the running pass started or last moved a cursor (System.nanoTime), 0 while no pass runs. */
    private volatile long lastMove;
    private volatile Instant failingSince;
    private volatile String lastError;
    private long failedPasses;

    AnalyticsWorker(AgroalDataSource dataSource, RollupStage rollup, VerdictStage verdicts, CrossingStage crossings,
            AnalyticsConfig config, DatabaseHealth database,
            @ConfigProperty(name = "sightline.witness.quorum", defaultValue = "0") int witnessQuorum) {
        this.dataSource = dataSource;
        this.database = database;
        this.witnessQuorum = witnessQuorum;
        this.rollup = rollup;
        this.verdicts = verdicts;
        this.crossings = crossings;
        this.config = config;
    }

    @Scheduled(identity = "analytics-worker", every = "${sightline.analytics.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled() || !database.migrated()) {
            return; // before the schema is migrated a pass could only fail on missing tables and columns
        }
        try {
            runOnce();
            if (failingSince != null) {
                Log.infof("analytics worker: working again after %d failed passes since %s", failedPasses,
                        failingSince);
            }
            failingSince = null;
            lastError = null;
            failedPasses = 0;
        } catch (Exception e) {
            failedPasses++;
            lastError = Quarantine.reason(e);
            if (failingSince == null) {
                // one line per state change, not a stack trace per pass: an outage would flood the log
                failingSince = Instant.now();
                Log.warnf("analytics worker: a pass failed (%s); trying again every poll until one succeeds",
                        lastError);
                Log.debugf(e, "analytics worker: the failed pass");
            }
        }
    }

    /** Catches up with the newest checkpoint and retries due pending verdicts. */
    synchronized void runOnce() throws SQLException {
        lastMove = System.nanoTime();
        try {
            while (step(ROLLUP)) {
                lastMove = System.nanoTime();
            }
            while (step(VERDICT)) {
                lastMove = System.nanoTime();
            }
            retryPending();
            checkCrossings();
        } finally {
            lastMove = 0;
        }
    }

    /** How long the running pass has gone without moving a cursor; zero while no pass runs. */
    Duration stalledFor() {
        long since = lastMove;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** Since when every pass of this replica has failed, null while they succeed. */
    Instant failingSince() {
        return failingSince;
    }

    String lastError() {
        return lastError;
    }

    /** Forgets every derived row; the worker then derives everything again from the log. */
    void reset() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                s.execute("DELETE FROM stats_rollup");
                s.execute("DELETE FROM stats_rollup_month");
                s.execute("DELETE FROM exposure_rollup");
                s.execute("DELETE FROM exposure_rollup_month");
                s.execute("DELETE FROM violation");
                s.execute("DELETE FROM verdict_pending");
                s.execute("DELETE FROM authority_request");
                s.execute("DELETE FROM subject");
                s.execute("DELETE FROM analytics_quarantine");
                s.execute("DELETE FROM volume_crossing");
                s.execute("UPDATE analytics_cursor SET next_seq = 0");
            }
            c.commit();
        }
    }

    private boolean step(String stage) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return false;
                }
                long from = cursor(c, stage);
                Long limit = VERDICT.equals(stage) ? cursor(c, ROLLUP) : null;
                Long to = target(c, from, limit);
                if (to == null) {
                    c.rollback();
                    return false;
                }
                long started = System.nanoTime();
                if (ROLLUP.equals(stage)) {
                    rollup.run(c, from, to);
                } else {
                    verdicts.run(c, from, to);
                }
                moveCursor(c, stage, to);
                c.commit();
                Log.debugf("analytics %s: [%d, %d) in %d ms", stage, from, to, (System.nanoTime() - started) / 1_000_000);
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void retryPending() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return;
                }
                if (verdicts.retryDue(c)) {
                    c.commit();
                } else {
                    c.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Evaluates the threshold crossings against the recorded transfers when the verdict stage has moved since the
     * last evaluation and {@code crossing-interval} has passed.
     */
    private void checkCrossings() throws SQLException {
        if (crossingsCheckedAt != 0
                && System.nanoTime() - crossingsCheckedAt < config.crossingInterval().toNanos()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return;
                }
                long from = cursor(c, CROSSING);
                long size = cursor(c, VERDICT);
                if (size <= from) {
                    c.rollback();
                    return;
                }
                int written = crossings.run(c, from, size);
                moveCursor(c, CROSSING, size);
                c.commit();
                crossingsCheckedAt = System.nanoTime();
                if (written > 0) {
                    Log.infof("analytics: %d threshold crossing(s) not covered by a recorded transfer mechanism "
                            + "below %d", written, size);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (var rows = c.createStatement().executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK + ")")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static void moveCursor(Connection c, String stage, long to) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE analytics_cursor SET next_seq = ? WHERE stage = ?")) {
            update.setLong(1, to);
            update.setString(2, stage);
            update.executeUpdate();
        }
    }

    /** The next seq the stage will derive from: every entry below it is counted in its tables. */
    static long cursor(Connection c, String stage) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT next_seq FROM analytics_cursor WHERE stage = ?")) {
            select.setString(1, stage);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The checkpoint size to stop at: the largest within a batch, or else the next one. With a witness quorum, only
     * checkpoints that many witnesses cosigned count, so the figures (and the disclosures that cite them) always
     * stand at a cosigned checkpoint.
     */
    private Long target(Connection c, long from, Long limit) throws SQLException {
        long max = limit == null ? Long.MAX_VALUE : limit;
        String checkpoints = witnessQuorum <= 0 ? "checkpoint" : "(SELECT tree_size FROM checkpoint_cosignature "
                + "GROUP BY tree_size HAVING count(*) >= " + witnessQuorum + ") AS witnessed";
        try (PreparedStatement select = c.prepareStatement("SELECT coalesce("
                + "(SELECT max(tree_size) FROM " + checkpoints + " WHERE tree_size > ? AND tree_size <= least(?, ?)), "
                + "(SELECT min(tree_size) FROM " + checkpoints + " WHERE tree_size > ? AND tree_size <= ?))")) {
            select.setLong(1, from);
            select.setLong(2, from + config.batchSize());
            select.setLong(3, max);
            select.setLong(4, from);
            select.setLong(5, max);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long to = rows.getLong(1);
                return rows.wasNull() ? null : to;
            }
        }
    }
}
