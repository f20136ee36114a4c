package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.VerdictRules.Kind;
import dev.sightline.audit.analytics.rest.dto.FiguresView;
import dev.sightline.audit.analytics.rest.dto.VerdictView;
import dev.sightline.audit.analytics.rest.dto.ViolationPage;
import dev.sightline.support.rest.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The entries the verdict stage found outside their partnership's data policy. */
@ApplicationScoped
public class ViolationQuery {
    private final Snapshots snapshots;

    ViolationQuery(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** One page of violating entries in log order, each with all its violations. */
    public ViolationPage violations(UUID partnershipId, Kind kind, Instant from, Instant to, long after, int limit) {
        Snapshots.checkPeriod(from, to);
        return snapshots.read(c -> {
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
            try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
            Slice<Long> page = Slice.of(seqs, limit);
            return new ViolationPage(violationsOf(c, page.items()), page.next(seq -> seq));
        });
    }

    /**
     * Violations of one partnership by kind, over the entries below {@code size} that occurred in [from, to), with
     * when the first and last of each occurred and the latest remediation of the kind whose governance entry is below
     * {@code size} (recorded at or before the checkpoint); a kind with such a remediation and no violation in the
     * period counts 0.
     */
    static List<FiguresView.KindCount> countsByKind(Connection c, long size, UUID partnershipId, Instant from,
            Instant to) throws SQLException {
        Map<String, FiguresView.KindCount> byKind = new TreeMap<>();
        try (PreparedStatement select = Snapshots.prepare(c, "SELECT kind, count(*), min(occurred_at), max(occurred_at) "
                + "FROM violation WHERE partnership_id = ? AND seq < ? AND occurred_at >= ? AND occurred_at < ? "
                + "GROUP BY kind", List.of(partnershipId, size, from.atOffset(ZoneOffset.UTC),
                        to.atOffset(ZoneOffset.UTC)));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                byKind.put(rows.getString(1), new FiguresView.KindCount(rows.getString(1), rows.getLong(2),
                        VerdictService.instant(rows, 3), VerdictService.instant(rows, 4), null));
            }
        }
        try (PreparedStatement select = Snapshots.prepare(c, "SELECT DISTINCT ON (kind) kind, status, text, recorded_by, "
                + "recorded_at FROM remediation WHERE partnership_id = ? AND log_seq < ? ORDER BY kind, revision DESC",
                List.of(partnershipId, size)); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String kind = rows.getString(1);
                FiguresView.KindRemediation remediation = new FiguresView.KindRemediation(rows.getString(2),
                        rows.getString(3), rows.getString(4), VerdictService.instant(rows, 5));
                FiguresView.KindCount counted = byKind.get(kind);
                byKind.put(kind, counted == null ? new FiguresView.KindCount(kind, 0, null, null, remediation)
                        : new FiguresView.KindCount(kind, counted.count(), counted.firstAt(), counted.lastAt(),
                                remediation));
            }
        }
        return List.copyOf(byKind.values());
    }

    static List<VerdictView> violationsOf(Connection c, List<Long> seqs) throws SQLException {
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
                            return new VerdictView(s, rows.getObject(2, UUID.class), VerdictService.instant(rows, 3),
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
}
