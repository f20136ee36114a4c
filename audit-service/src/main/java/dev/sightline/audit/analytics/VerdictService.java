package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.rest.dto.RebuildView;
import dev.sightline.audit.analytics.rest.dto.VerdictView;
import dev.sightline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One entry's verdict as the worker derived it; rebuilding every verdict from the log. */
@ApplicationScoped
public class VerdictService {
    private final Snapshots snapshots;
    private final AnalyticsWorker worker;

    VerdictService(Snapshots snapshots, AnalyticsWorker worker) {
        this.snapshots = snapshots;
        this.worker = worker;
    }

    public VerdictView verdict(long seq) {
        return snapshots.read(c -> {
            UUID partnership;
            Instant occurredAt;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT partnership_id, occurred_at FROM log_entry WHERE seq = ?")) {
                select.setLong(1, seq);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw ProblemException.notFound("No entry with seq " + seq);
                    }
                    partnership = rows.getObject(1, UUID.class);
                    occurredAt = instant(rows, 2);
                }
            }
            if (seq >= AnalyticsWorker.cursor(c, AnalyticsWorker.VERDICT)) {
                return new VerdictView(seq, partnership, occurredAt, "PENDING", null, List.of(), 0, "not judged yet");
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT stage, reason FROM analytics_quarantine WHERE seq = ?")) {
                select.setLong(1, seq);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return new VerdictView(seq, partnership, occurredAt, "QUARANTINED", null, List.of(), null,
                                rows.getString(1) + " stage: " + rows.getString(2));
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT attempts, last_error FROM verdict_pending WHERE seq = ?")) {
                select.setLong(1, seq);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return new VerdictView(seq, partnership, occurredAt, "PENDING", null, List.of(),
                                rows.getInt(1), rows.getString(2));
                    }
                }
            }
            List<VerdictView> judged = ViolationQuery.violationsOf(c, List.of(seq));
            return judged.isEmpty() ? new VerdictView(seq, partnership, occurredAt, "JUDGED", null, List.of(), null, null)
                    : judged.get(0);
        });
    }

    /** Drops every derived row; the worker derives them again from the log, judging with the cached revisions. */
    public RebuildView rebuild() {
        try {
            worker.reset();
        } catch (SQLException e) {
            throw ProblemException.unavailable("Could not reset the derived tables now; try again");
        }
        long size = snapshots.read(c -> {
            try (ResultSet rows = c.createStatement().executeQuery("SELECT coalesce(max(seq) + 1, 0) FROM log_entry")) {
                rows.next();
                return rows.getLong(1);
            }
        });
        return new RebuildView(size, "Verdicts, rollups and the authority register are being derived again from the "
                + "log; figures answer from checkpoint size 0 upwards until the worker has caught up.");
    }

    /** Entries of the period that wait for their policy (of one partnership, or of all when null). */
    static long pendingIn(Connection c, Instant from, Instant to, UUID partnershipId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM verdict_pending p JOIN log_entry l ON l.seq = p.seq "
                + "WHERE l.occurred_at >= ? AND l.occurred_at < ?");
        List<Object> params = new ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)));
        if (partnershipId != null) {
            sql.append(" AND p.partnership_id = ?");
            params.add(partnershipId);
        }
        try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
