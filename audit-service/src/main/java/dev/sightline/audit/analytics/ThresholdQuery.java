package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.Period.Span;
import dev.sightline.audit.analytics.ThresholdRules.Category;
import dev.sightline.audit.analytics.ThresholdRules.Regime;
import dev.sightline.audit.analytics.VerdictStage.ExposureKey;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * The regulatory volume thresholds of the rule set, evaluated at an instant from the verdict stage's exposure
 * rollups (whole days) and the judged entries at the window's edges, below the checkpoint the stage has reached.
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
        Instant when = at == null ? Instant.now().truncatedTo(ChronoUnit.MICROS) : at;
        return snapshots.read(c -> thresholds(c, AnalyticsWorker.cursor(c, AnalyticsWorker.VERDICT), partnershipId,
                when));
    }

    ThresholdsView thresholds(Connection c, long size, UUID partnershipId, Instant when) throws SQLException {
        ThresholdRules.RuleSet ruleSet = rules.rules();
        List<ThresholdsView.Result> results = new ArrayList<>();
        long pending = 0;
        for (Regime regime : ruleSet.regimes()) {
            Instant start = regime.window().start(when);
            Period period = Period.of(start, when);
            // (counterparty or null, category) -> subjects
            Map<List<Object>, RoaringBitmap> counted = new HashMap<>();
            Consumer<Object[]> fold = row -> {
                ExposureKey k = (ExposureKey) row[0];
                if (!regime.scope().matches(k.covered(), k.markets(), k.mode(), k.country())) {
                    return;
                }
                for (Category category : regime.categories()) {
                    if (category.matches(k.category())) {
                        counted.computeIfAbsent(Arrays.asList(regime.perCounterparty() ? k.partner() : null,
                                category.category()), x -> new RoaringBitmap()).or((RoaringBitmap) row[1]);
                    }
                }
            };
            for (Span span : period.spans()) {
                StringBuilder sql = new StringBuilder("SELECT partnership_id, partner_id, partner_covered, markets, "
                        + "day, category, mode, country, subjects FROM exposure_rollup" + span.table() + " WHERE true");
                List<Object> params = new ArrayList<>();
                span.filter(sql, params, partnershipId);
                try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params);
                        ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        fold.accept(new Object[] { new ExposureKey(rows.getObject(1, UUID.class),
                                rows.getObject(2, UUID.class), rows.getBoolean(3), rows.getString(4),
                                rows.getObject(5, LocalDate.class), rows.getString(6), rows.getString(7),
                                rows.getString(8)), Bitmaps.deserialize(rows.getBytes(9)) });
                    }
                }
            }
            for (Instant[] edge : period.edges()) {
                Map<ExposureKey, RoaringBitmap> partial = new HashMap<>();
                List<EntryFacts> entries = EntryFacts.occurredIn(c, edge, size, partnershipId, true);
                Map<String, Integer> ids = SubjectIds.resolve(c, EntryFacts.refs(entries), false);
                for (EntryFacts entry : entries) {
                    if (VerdictRules.needsPolicy(entry)
                            && policies.cached(entry.partnershipId(), entry.occurredAt()) instanceof PolicyCache.Known k) {
                        PolicyDocument policy = k.policy();
                        VerdictStage.addExposure(partial, entry, policy, ids);
                    }
                }
                partial.forEach((k, v) -> fold.accept(new Object[] { k, v }));
            }
            pending += VerdictService.pendingIn(c, start, when, partnershipId);
            for (Category category : regime.categories()) {
                List<Map.Entry<List<Object>, RoaringBitmap>> found = counted.entrySet().stream()
                        .filter(e -> category.category().equals(e.getKey().get(1)))
                        .sorted(Comparator.comparing(e -> String.valueOf(e.getKey().get(0)))).toList();
                if (found.isEmpty()) {
                    found = List.of(Map.entry(Arrays.asList(null, category.category()), new RoaringBitmap()));
                }
                for (Map.Entry<List<Object>, RoaringBitmap> e : found) {
                    long count = e.getValue().getLongCardinality();
                    for (long threshold : category.thresholds()) {
                        results.add(new ThresholdsView.Result(regime.regime(), regime.citation(),
                                category.category(), (UUID) e.getKey().get(0), start, when, count, threshold,
                                ThresholdRules.ratio(count, threshold),
                                ThresholdRules.status(count, threshold, ruleSet.nearPercent()), ruleSet.version()));
                    }
                }
            }
        }
        return new ThresholdsView(partnershipId, when, ruleSet.version(), Snapshots.checkpoint(c, size), pending, results);
    }
}
