package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.VerdictRules.Kind;
import dev.sightline.audit.analytics.rest.dto.RebuildView;
import dev.sightline.audit.analytics.rest.dto.VerdictView;
import dev.sightline.audit.analytics.rest.dto.ViolationPage;
import dev.sightline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Verdicts and violations as the worker derived them; rebuilding them from the log. */
@ApplicationScoped
public class VerdictService {
    private final AnalyticsService analytics;
    private final AnalyticsWorker worker;

    VerdictService(AnalyticsService analytics, AnalyticsWorker worker) {
        this.analytics = analytics;
        this.worker = worker;
    }

    public VerdictView verdict(long seq) {
        return analytics.read(c -> {
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
                    occurredAt = AnalyticsWorker.instant(rows, 2);
                }
            }
            if (seq >= AnalyticsWorker.cursor(c, "verdict")) {
                return new VerdictView(seq, partnership, occurredAt, "PENDING", null, List.of(), 0, "not judged yet");
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
            List<VerdictView> judged = violationsOf(c, List.of(seq));
            return judged.isEmpty() ? new VerdictView(seq, partnership, occurredAt, "JUDGED", null, List.of(), null, null)
                    : judged.get(0);
        });
    }

    public ViolationPage violations(UUID partnershipId, Kind kind, Instant from, Instant to, long after, int limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        return analytics.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT DISTINCT seq FROM violation WHERE seq > ?");
            List<Object> params = new ArrayList<>(List.of(after));
            if (partnershipId != null) {
                sql.append(" AND partnership_id = ?");
                params.add(partnershipId);
            }
            if (kind != null) {
                sql.append(" AND kind = ?");
                params.add(kind.name());
            }
            if (from != null) {
                sql.append(" AND occurred_at >= ?");
                params.add(from.atOffset(ZoneOffset.UTC));
            }
            if (to != null) {
                sql.append(" AND occurred_at < ?");
                params.add(to.atOffset(ZoneOffset.UTC));
            }
            sql.append(" ORDER BY seq LIMIT ?");
            params.add(limit + 1);
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement select = AnalyticsService.prepare(c, sql.toString(), params);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
            boolean more = seqs.size() > limit;
            List<VerdictView> items = violationsOf(c, more ? seqs.subList(0, limit) : seqs);
            return new ViolationPage(items, more ? items.get(items.size() - 1).seq() : null);
        });
    }

    private static List<VerdictView> violationsOf(java.sql.Connection c, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return List.of();
        }
        Map<Long, VerdictView> bySeq = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT seq, partnership_id, occurred_at, policy_revision, "
                + "kind, detail FROM violation WHERE seq = ANY(?) ORDER BY seq, kind")) {
            select.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    Integer revision = (Integer) rows.getObject(4);
                    VerdictView view = bySeq.computeIfAbsent(seq, s -> {
                        try {
                            return new VerdictView(s, rows.getObject(2, UUID.class), AnalyticsWorker.instant(rows, 3),
                                    "JUDGED", revision, new ArrayList<>(), null, null);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    view.violations().add(new VerdictView.ViolationItem(rows.getString(5), rows.getString(6)));
                }
            }
        }
        return List.copyOf(bySeq.values());
    }

    /** Drops every derived row; the worker derives them again from the log, judging with the cached revisions. */
    public RebuildView rebuild() {
        try {
            worker.reset();
        } catch (SQLException e) {
            throw ProblemException.unavailable("Could not reset the derived tables now; try again");
        }
        long size = analytics.read(c -> {
            try (ResultSet rows = c.createStatement().executeQuery("SELECT coalesce(max(seq) + 1, 0) FROM log_entry")) {
                rows.next();
                return rows.getLong(1);
            }
        });
        return new RebuildView(size, "Verdicts, rollups and the authority register are being derived again from the "
                + "log; figures answer from checkpoint size 0 upwards until the worker has caught up.");
    }
}
