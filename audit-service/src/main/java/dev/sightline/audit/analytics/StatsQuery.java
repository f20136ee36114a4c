package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.Period.Span;
import dev.sightline.audit.analytics.RollupStage.Acc;
import dev.sightline.audit.analytics.RollupStage.RollupKey;
import dev.sightline.audit.analytics.rest.dto.StatsView;
import dev.sightline.audit.analytics.rest.dto.StatsView.Activity;
import dev.sightline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts of events, records and distinct subjects of one activity, in total and by dimension, from the rollup stage's
 * exact rollups: whole UTC days from the daily and monthly rows, partial days at the period's edges from the log
 * itself, always over exactly the entries below the checkpoint the stage has reached. User-data access (entries naming
 * a data category) and governance activity (entries naming none) are counted apart, never together.
 */
@ApplicationScoped
public class StatsQuery {
    public static final List<String> DIMENSIONS = List.of("category", "mode", "country", "purpose", "outcome",
            "action", "feature", "subjectRegion");

    private final Snapshots snapshots;

    StatsQuery(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    public StatsView stats(UUID partnershipId, Activity activity, Instant from, Instant to, List<String> groupBy) {
        Snapshots.checkPeriod(from, to);
        for (String dim : groupBy) {
            if (!DIMENSIONS.contains(dim)) {
                throw ProblemException.invalidField("groupBy", "'" + dim + "' is not one of " + DIMENSIONS);
            }
        }
        return snapshots.read(c -> stats(c, AnalyticsWorker.cursor(c, AnalyticsWorker.ROLLUP), partnershipId, activity,
                from, to, groupBy));
    }

    static StatsView stats(Connection c, long size, UUID partnershipId, Activity activity, Instant from, Instant to,
            List<String> groupBy) throws SQLException {
        List<String> dims = new ArrayList<>(List.of("*"));
        groupBy.stream().distinct().forEach(dims::add);
        Period period = Period.of(from, to);
        Map<String, Map<String, Acc>> figures = new LinkedHashMap<>();
        dims.forEach(d -> figures.put(d, new TreeMap<>()));
        if (period.hasWholeDays()) {
            for (String dim : dims) {
                for (Span span : period.spans()) {
                    StringBuilder sql = new StringBuilder("SELECT value, events, records, subjects FROM stats_rollup"
                            + span.table() + " WHERE dim = ? AND activity = ?");
                    List<Object> params = new ArrayList<>(List.of(dim, activity.name()));
                    span.filter(sql, params, partnershipId);
                    try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                            ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            Acc acc = figures.get(dim).computeIfAbsent(rows.getString(1), k -> new Acc());
                            acc.events += rows.getLong(2);
                            acc.records += rows.getLong(3);
                            Bitmaps.orInto(acc.subjects, rows.getBytes(4));
                        }
                    }
                }
            }
        }
        for (Instant[] edge : period.edges()) {
            Map<RollupKey, Acc> partial = new HashMap<>();
            EntryFacts.occurredIn(c, edge, size, partnershipId, false, (entries, ids) -> entries.stream()
                    .filter(e -> RollupStage.activity(e) == activity)
                    .forEach(e -> RollupStage.addToRollup(partial, e, ids)));
            partial.forEach((k, v) -> {
                Map<String, Acc> byValue = figures.get(k.dim());
                if (byValue != null) {
                    Acc acc = byValue.computeIfAbsent(k.value(), x -> new Acc());
                    acc.events += v.events;
                    acc.records += v.records;
                    acc.subjects.or(v.subjects);
                }
            });
        }
        Acc total = figures.get("*").getOrDefault("*", new Acc());
        List<StatsView.Breakdown> breakdowns = new ArrayList<>();
        for (String dim : dims.subList(1, dims.size())) {
            breakdowns.add(new StatsView.Breakdown(dim, figures.get(dim).entrySet().stream()
                    .map(e -> figures(e.getKey(), e.getValue())).toList()));
        }
        return new StatsView(partnershipId, activity, from, to, Snapshots.checkpoint(c, size), figures(null, total),
                breakdowns, Quarantine.unclassified(c, size, AnalyticsWorker.ROLLUP,
                        partnershipId == null ? null : List.of(partnershipId), from, to, null));
    }

    private static StatsView.Figures figures(String value, Acc acc) {
        return new StatsView.Figures(value == null || value.isEmpty() ? null : value, acc.events, acc.records,
                acc.subjects.getLongCardinality());
    }
}
