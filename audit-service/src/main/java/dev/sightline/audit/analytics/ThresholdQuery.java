package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.Period.Span;
import dev.sightline.audit.analytics.ThresholdRules.Aggregation;
import dev.sightline.audit.analytics.ThresholdRules.Category;
import dev.sightline.audit.analytics.ThresholdRules.Regime;
import dev.sightline.audit.analytics.ThresholdRules.RuleSet;
import dev.sightline.audit.analytics.ThresholdRules.Tier;
import dev.sightline.audit.analytics.VerdictStage.ExposureKey;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * The regulatory volume thresholds of the rule set, evaluated at an instant from the verdict stage's exposure
 * rollups (whole days) and the judged entries at the windows' edges, below the checkpoint the stage has reached.
 * Every window ends at and includes the instant; each regime counts what its aggregation says (a counterparty's or
 * the whole company's partnerships together), also when one partnership is asked for, whose own share is given beside.
 */
@ApplicationScoped
public class ThresholdQuery {
    private final Snapshots snapshots;
    private final ThresholdRules rules;
    private final PolicyCache policies;

    ThresholdQuery(Snapshots snapshots, ThresholdRules rules, PolicyCache policies) {
        this.snapshots = snapshots;
        this.rules = rules;
        this.policies = policies;
    }

    public ThresholdsView thresholds(UUID partnershipId, Instant at) {
        Instant when = (at == null ? Instant.now() : at).truncatedTo(ThresholdRules.RESOLUTION);
        return snapshots.read(c -> thresholds(c, AnalyticsWorker.cursor(c, AnalyticsWorker.VERDICT), partnershipId,
                when));
    }

    /** The threshold rule set in force, as shipped: thresholds, comparators, consequences and their sources. */
    public JsonNode ruleSet() {
        return rules.document();
    }

    /** The thresholds at the instant {@code at}: every window ends at and includes it. */
    ThresholdsView thresholds(Connection c, long size, UUID partnershipId, Instant at) throws SQLException {
        return thresholds(c, size, Collections.singletonList(partnershipId), at).get(partnershipId);
    }

    /**
     * The thresholds at {@code at} as each partnership named sees them (null: none named), from one reading of the
     * windows: the aggregates are the same for all, each partnership's own share differs.
     */
    Map<UUID, ThresholdsView> thresholds(Connection c, long size, List<UUID> partnershipIds, Instant at)
            throws SQLException {
        RuleSet ruleSet = rules.rules();
        Instant end = at.plus(1, ThresholdRules.RESOLUTION);
        Map<UUID, List<ThresholdsView.Result>> results = new HashMap<>();
        partnershipIds.forEach(id -> results.put(id, new ArrayList<>()));
        long pending = 0;
        Rows rows = new Rows();
        Set<UUID> named = new HashSet<>(partnershipIds);
        for (Regime regime : ruleSet.regimes()) {
            Reading reading = read(c, size, regime, end, named::contains, rows);
            Instant start = reading.start();
            Map<UUID, RegimeExposure> all = reading.all();
            Map<UUID, Map<UUID, RegimeExposure>> own = reading.own();
            pending += VerdictService.pendingIn(c, start, end, null);
            for (UUID id : partnershipIds) {
                Map<UUID, RegimeExposure> mine = own.getOrDefault(id, Collections.emptyMap());
                results.get(id).addAll(new Evaluation(ruleSet, regime, start, end, id != null)
                        .results(reported(regime, id == null ? all : mine), all, mine));
            }
        }
        long unclassified = unclassified(c, size, ruleSet, at, end);
        Map<UUID, ThresholdsView> views = new HashMap<>();
        for (UUID id : partnershipIds) {
            views.put(id, new ThresholdsView(id, at, ruleSet.version(), Snapshots.checkpoint(c, size), pending,
                    results.get(id), unclassified));
        }
        return views;
    }

    /**
     * One regime's window read: the exposure of each aggregate (a counterparty, the exporter's null, or a
     * partnership), each kept partnership's own exposure by aggregate, and the countries each kept partnership's
     * counted data went to.
     */
    record Reading(Instant start, Map<UUID, RegimeExposure> all, Map<UUID, Map<UUID, RegimeExposure>> own,
            Map<UUID, Set<String>> destinations) {
    }

    /**
     * Exposure rows read once per evaluation: the regimes' windows overlap (every month of China's year is also in
     * the US rule's 12 months), so each month, each run of days and each edge of the log is read and deserialized
     * once however many windows hold it.
     */
    static final class Rows {
        private final Map<Object, Map<ExposureKey, RoaringBitmap>> read = new HashMap<>();
    }

    /** Reads one regime's window ending at {@code end} (exclusive), keeping the own share of the partnerships asked. */
    Reading read(Connection c, long size, Regime regime, Instant end, Predicate<UUID> keep, Rows rows)
            throws SQLException {
        Instant start = regime.window().start(end);
        Map<UUID, RegimeExposure> all = new HashMap<>();
        Map<UUID, Map<UUID, RegimeExposure>> own = new HashMap<>();
        Map<UUID, Set<String>> destinations = new HashMap<>();
        BiConsumer<ExposureKey, RoaringBitmap> fold = (k, subjects) -> {
            if (!regime.scope().matches(k.covered(), k.markets(), k.mode(), k.country(), k.region())) {
                return;
            }
            UUID aggregate = switch (regime.aggregation()) {
                case COUNTERPARTY -> k.partner();
                case EXPORTER -> null;
                case PARTNERSHIP -> k.partnership();
            };
            boolean located = !k.region().isEmpty();
            all.computeIfAbsent(aggregate, x -> new RegimeExposure(regime)).add(k.category(), subjects, located);
            if (keep.test(k.partnership())) {
                own.computeIfAbsent(k.partnership(), x -> new HashMap<>())
                        .computeIfAbsent(aggregate, x -> new RegimeExposure(regime))
                        .add(k.category(), subjects, located);
                destinations.computeIfAbsent(k.partnership(), x -> new TreeSet<>()).add(k.country());
            }
        };
        Period period = Period.of(start, end);
        for (Span span : period.spans()) {
            for (Span part : span.months()) {
                Map<ExposureKey, RoaringBitmap> cached = rows.read.get(part);
                if (cached == null) {
                    cached = rollupRows(c, part);
                    rows.read.put(part, cached);
                }
                cached.forEach(fold);
            }
        }
        for (Instant[] edge : period.edges()) {
            List<Instant> key = List.of(edge[0], edge[1]);
            Map<ExposureKey, RoaringBitmap> cached = rows.read.get(key);
            if (cached == null) {
                cached = edgeRows(c, size, edge);
                rows.read.put(key, cached);
            }
            cached.forEach(fold);
        }
        return new Reading(start, all, own, destinations);
    }

    private static Map<ExposureKey, RoaringBitmap> rollupRows(Connection c, Span span) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT partnership_id, partner_id, partner_covered, markets, day, "
                + "category, mode, country, region, subjects FROM exposure_rollup" + span.table() + " WHERE true");
        List<Object> params = new ArrayList<>();
        span.filter(sql, params, null);
        Map<ExposureKey, RoaringBitmap> found = new HashMap<>();
        try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.put(new ExposureKey(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getBoolean(3), rows.getString(4), rows.getObject(5, LocalDate.class),
                        rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9)),
                        Bitmaps.deserialize(rows.getBytes(10)));
            }
        }
        return found;
    }

    /**
     * Exposure of the judged entries in a partial day. When no entry below {@code size} occurred in that UTC day
     * outside the edge, the day's rollup row holds exactly the edge (the usual case for an evaluation at the latest
     * occurrence, whose edge runs from midnight to just after it); otherwise the edge is read from the log, a page at
     * a time.
     */
    private Map<ExposureKey, RoaringBitmap> edgeRows(Connection c, long size, Instant[] edge) throws SQLException {
        LocalDate day = LocalDate.ofInstant(edge[0], ZoneOffset.UTC);
        if (!occurredOutside(c, size, day, edge)) {
            return rollupRows(c, new Span("", day, day.plusDays(1)));
        }
        Map<ExposureKey, RoaringBitmap> partial = new HashMap<>();
        EntryFacts.occurredIn(c, edge, size, null, true, (entries, ids) -> {
            for (EntryFacts entry : entries) {
                if (VerdictRules.needsPolicy(entry)
                        && policies.cached(entry.partnershipId(), entry.occurredAt()) instanceof PolicyCache.Known k) {
                    VerdictStage.addExposure(partial, entry, k.policy(), ids);
                }
            }
        });
        return partial;
    }

    /**
     * Whether an entry below {@code size} occurred on {@code day} (UTC) before or after the edge, or one of that day
     * is quarantined (the edge leaves out what any stage quarantined; the day's row only what the verdict stage did).
     */
    private static boolean occurredOutside(Connection c, long size, LocalDate day, Instant[] edge)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM log_entry WHERE seq < ? "
                + "AND ((occurred_at >= ? AND occurred_at < ?) OR (occurred_at >= ? AND occurred_at < ?))) "
                + "OR EXISTS (SELECT 1 FROM analytics_quarantine q JOIN log_entry e ON e.seq = q.seq "
                + "WHERE q.seq < ? AND e.occurred_at >= ? AND e.occurred_at < ?)")) {
            select.setLong(1, size);
            select.setObject(2, Period.start(day).atOffset(ZoneOffset.UTC));
            select.setObject(3, edge[0].atOffset(ZoneOffset.UTC));
            select.setObject(4, edge[1].atOffset(ZoneOffset.UTC));
            select.setObject(5, Period.start(day.plusDays(1)).atOffset(ZoneOffset.UTC));
            select.setLong(6, size);
            select.setObject(7, Period.start(day).atOffset(ZoneOffset.UTC));
            select.setObject(8, Period.start(day.plusDays(1)).atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /**
     * Entries the analytics quarantined in the widest window of the rule set, of any partnership: the aggregates
     * span partnerships, so any of them could be short by these.
     */
    private static long unclassified(Connection c, long size, RuleSet ruleSet, Instant at, Instant end)
            throws SQLException {
        Instant start = ruleSet.regimes().stream().map(regime -> regime.window().start(end)).min(Instant::compareTo)
                .orElse(at);
        return Quarantine.unclassified(c, size, null, null, start, end, null);
    }

    /** The aggregates to answer for: all of them, or those the partnership is part of; at least one. */
    private static List<UUID> reported(Regime regime, Map<UUID, RegimeExposure> exposed) {
        Set<UUID> keys = new HashSet<>(exposed.keySet());
        if (keys.isEmpty() || regime.aggregation() == Aggregation.EXPORTER) {
            keys.add(null);
        }
        return keys.stream().sorted(Comparator.comparing(String::valueOf)).toList();
    }

    /** The results of one regime's window. */
    private record Evaluation(RuleSet ruleSet, Regime regime, Instant from, Instant to, boolean named) {
        List<ThresholdsView.Result> results(List<UUID> aggregates, Map<UUID, RegimeExposure> all,
                Map<UUID, RegimeExposure> own) {
            RegimeExposure none = new RegimeExposure(regime);
            Map<UUID, Map<String, RoaringBitmap>> counted = new HashMap<>();
            Map<UUID, Map<String, RoaringBitmap>> ownCounted = new HashMap<>();
            for (UUID aggregate : aggregates) {
                counted.put(aggregate, all.getOrDefault(aggregate, none).counted());
                ownCounted.put(aggregate, own.getOrDefault(aggregate, none).counted());
            }
            List<ThresholdsView.Result> results = new ArrayList<>();
            for (Category category : regime.categories()) {
                for (UUID aggregate : aggregates) {
                    RoaringBitmap subjects = counted.get(aggregate).get(category.category());
                    long mine = ownCounted.get(aggregate).get(category.category()).getLongCardinality();
                    long inferred = all.getOrDefault(aggregate, none).inferred(subjects);
                    for (Tier tier : category.tiers()) {
                        results.add(result(category.category(), aggregate, subjects.getLongCardinality(), mine,
                                inferred, tier));
                    }
                }
            }
            if (regime.combined() != null) {
                for (UUID aggregate : aggregates) {
                    RegimeExposure exposure = all.getOrDefault(aggregate, none);
                    RegimeExposure.Combination combined = exposure.combined(counted.get(aggregate));
                    RegimeExposure.Combination mine = own.getOrDefault(aggregate, none)
                            .combined(ownCounted.get(aggregate));
                    results.add(result(regime.combined().category(), aggregate,
                            combined.subjects().getLongCardinality(), mine.subjects().getLongCardinality(),
                            exposure.inferred(combined.subjects()), combinedTier(regime, combined)));
                }
            }
            return results;
        }

        private ThresholdsView.Result result(String category, UUID aggregate, long count, long mine, long inferred,
                Tier tier) {
            return new ThresholdsView.Result(regime.regime(), regime.citation(), category,
                    regime.aggregation().name(), regime.aggregation() == Aggregation.COUNTERPARTY ? aggregate : null,
                    from, to, count, named ? mine : null, inferred, tier.comparator(), tier.threshold(),
                    tier.consequence(), tier.source(), ruleSet.consequence(tier.consequence()).coveredBy(),
                    tier.ratio(count), tier.status(count, ruleSet.nearPercent()), ruleSet.version());
        }
    }

    /** The tier combined data is held to: the lowest among the categories it combines, citing both rules. */
    static Tier combinedTier(Regime regime, RegimeExposure.Combination combined) {
        Tier lowest = combined.lowest().lowest();
        return new Tier(lowest.comparator(), lowest.threshold(), lowest.consequence(),
                regime.combined().source() + " (with " + combined.lowest().category() + "); " + lowest.source());
    }
}
