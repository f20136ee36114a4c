package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.PolicyCache.Known;
import dev.sightline.audit.analytics.ThresholdQuery.Reading;
import dev.sightline.audit.analytics.ThresholdRules.Category;
import dev.sightline.audit.analytics.ThresholdRules.Consequence;
import dev.sightline.audit.analytics.ThresholdRules.Regime;
import dev.sightline.audit.analytics.ThresholdRules.RuleSet;
import dev.sightline.audit.analytics.ThresholdRules.Tier;
import dev.sightline.audit.analytics.VerdictRules.Kind;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.roaringbitmap.RoaringBitmap;

/**
 * Where the promise and the volume meet: a regulatory threshold crossed (the aggregate's count, as the rule counts
 * it) while the partnership's recorded transfers carry no mechanism that covers what the crossing requires is a
 * violation of its own kind, {@link Kind#VOLUME_NOT_COVERED}. A partnership is held to a crossing only for a
 * category its own data counts in, and for every country its counted data went to outside the regime's origins.
 * <p>
 * Evaluated below the verdict stage's cursor, behind it on a cursor of its own ({@code crossing}), recorded once
 * per crossing, policy revision and calendar window: {@code volume_crossing} remembers which were recorded. The violation is listed under the partnership's latest entry judged, at the instant of evaluation.
 */
@ApplicationScoped
class CrossingStage {
    private final ThresholdRules rules;
    private final ThresholdQuery thresholds;
    private final PolicyCache policies;

    CrossingStage(ThresholdRules rules, ThresholdQuery thresholds, PolicyCache policies) {
        this.rules = rules;
        this.thresholds = thresholds;
        this.policies = policies;
    }

    /** A crossing that the partnership's recorded transfers do not cover. */
    record Uncovered(UUID partnershipId, Integer revision, String regime, String category, Tier tier,
            String windowKey, String detail) {
    }

    /**
     * Records the uncovered crossings that the entries in [{@code from}, {@code size}) may have brought about; how
     * many new violations it wrote. They are evaluated at the latest occurrence among those entries in each calendar
     * year of each regime's zone (never later than now), so a past year's crossing is found as well as this one's.
     */
    int run(Connection c, long from, long size) throws SQLException {
        int written = 0;
        for (Instant at : evaluationInstants(c, from, size)) {
            for (Uncovered crossing : uncovered(c, size, at)) {
                if (remember(c, crossing) && record(c, size, at, crossing)) {
                    written++;
                }
            }
        }
        return written;
    }

    private Set<Instant> evaluationInstants(Connection c, long from, long size) throws SQLException {
        Set<String> zones = new TreeSet<>();
        zones.add("UTC");
        rules.rules().regimes().forEach(regime -> zones.add(regime.window().zone()));
        Set<Instant> instants = new TreeSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT least(max(occurred_at), now()) FROM log_entry "
                + "WHERE seq >= ? AND seq < ? GROUP BY extract(year FROM occurred_at AT TIME ZONE ?)")) {
            for (String zone : zones) {
                select.setLong(1, from);
                select.setLong(2, size);
                select.setString(3, zone);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        instants.add(rows.getObject(1, OffsetDateTime.class).toInstant()
                                .truncatedTo(ThresholdRules.RESOLUTION));
                    }
                }
            }
        }
        return instants;
    }

    /** Every crossing at {@code at} that a contributing partnership's recorded transfers do not cover. */
    List<Uncovered> uncovered(Connection c, long size, Instant at) throws SQLException {
        RuleSet ruleSet = rules.rules();
        Instant end = at.plus(1, ThresholdRules.RESOLUTION);
        List<Uncovered> found = new ArrayList<>();
        ThresholdQuery.Rows rows = new ThresholdQuery.Rows();
        for (Regime regime : ruleSet.regimes()) {
            Reading reading = thresholds.read(c, size, regime, end, id -> true, rows);
            String windowKey = "CALENDAR_YEAR_TO_DATE".equals(regime.window().type()) ? reading.start().toString()
                    : regime.window().type();
            for (Map.Entry<UUID, Map<UUID, RegimeExposure>> partnership : reading.own().entrySet()) {
                UUID id = partnership.getKey();
                for (Map.Entry<UUID, RegimeExposure> share : partnership.getValue().entrySet()) {
                    RegimeExposure aggregate = reading.all().get(share.getKey());
                    Map<String, RoaringBitmap> counted = aggregate.counted();
                    Map<String, RoaringBitmap> own = share.getValue().counted();
                    for (Category category : regime.categories()) {
                        if (own.get(category.category()).isEmpty()) {
                            continue;
                        }
                        long count = counted.get(category.category()).getLongCardinality();
                        for (Tier tier : category.tiers()) {
                            if (tier.crossed(count)) {
                                check(ruleSet, regime, id, category.category(), tier, count, reading, at, windowKey,
                                        share.getKey(), found);
                            }
                        }
                    }
                    if (regime.combined() != null && !share.getValue().combined(own).subjects().isEmpty()) {
                        RegimeExposure.Combination combined = aggregate.combined(counted);
                        Tier tier = ThresholdQuery.combinedTier(regime, combined);
                        long count = combined.subjects().getLongCardinality();
                        if (tier.crossed(count)) {
                            check(ruleSet, regime, id, regime.combined().category(), tier, count, reading, at,
                                    windowKey, share.getKey(), found);
                        }
                    }
                }
            }
        }
        return found;
    }

    private void check(RuleSet ruleSet, Regime regime, UUID partnershipId, String category, Tier tier, long count,
            Reading reading, Instant at, String windowKey, UUID aggregate, List<Uncovered> found) {
        if (!(policies.resolve(partnershipId, at) instanceof Known known) || known.policy() == null) {
            return; // not known yet: evaluated again on a later pass
        }
        PolicyDocument policy = known.policy();
        Consequence consequence = ruleSet.consequence(tier.consequence());
        List<String> uncovered = new ArrayList<>();
        for (String destination : reading.destinations().getOrDefault(partnershipId, Set.of())) {
            if (regime.transfersFrom().contains(destination)) {
                continue;
            }
            boolean covered = policy.transfers().stream().anyMatch(t -> regime.transfersFrom().contains(t.fromRegion())
                    && destination.equals(t.toCountry()) && consequence.coveredBy().contains(t.mechanism()));
            if (!covered) {
                uncovered.add(String.join("/", regime.transfersFrom()) + " → " + destination);
            }
        }
        if (uncovered.isEmpty()) {
            return;
        }
        String whose = switch (regime.aggregation()) {
            case COUNTERPARTY -> "counterparty " + aggregate;
            case EXPORTER -> "the company's partnerships together";
            case PARTNERSHIP -> "this partnership";
        };
        String requirement = consequence.coveredBy().isEmpty()
                ? "which no transfer mechanism covers (" + consequence.source() + ")"
                : "which needs a recorded transfer with one of " + consequence.coveredBy() + " (" + consequence.source()
                        + ")";
        String detail = regime.regime() + " " + category + ": " + count + " subjects " + tier.comparator() + " "
                + tier.threshold() + " (" + whose + ", " + reading.start() + " to " + at + "; " + tier.source()
                + ") requires " + tier.consequence() + ", " + requirement + "; not covered for " + uncovered
                + " under policy revision " + policy.revision();
        found.add(new Uncovered(partnershipId, policy.revision(), regime.regime(), category, tier, windowKey, detail));
    }

    /** True the first time this crossing is seen under this policy revision and window. */
    private static boolean remember(Connection c, Uncovered crossing) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO volume_crossing (partnership_id, regime, "
                + "category, threshold, consequence, window_key, policy_revision) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            insert.setObject(1, crossing.partnershipId());
            insert.setString(2, crossing.regime());
            insert.setString(3, crossing.category());
            insert.setLong(4, crossing.tier().threshold());
            insert.setString(5, crossing.tier().consequence());
            insert.setString(6, crossing.windowKey());
            insert.setInt(7, crossing.revision() == null ? -1 : crossing.revision());
            return insert.executeUpdate() == 1;
        }
    }

    /** Lists the crossing under the partnership's latest entry below {@code size}. */
    private static boolean record(Connection c, long size, Instant at, Uncovered crossing) throws SQLException {
        long seq;
        try (PreparedStatement select = c.prepareStatement("SELECT max(seq) FROM log_entry WHERE partnership_id = ? "
                + "AND seq < ?")) {
            select.setObject(1, crossing.partnershipId());
            select.setLong(2, size);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                seq = rows.getLong(1);
                if (rows.wasNull()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO violation (seq, kind, detail, partnership_id, "
                + "occurred_at, policy_revision) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (seq, kind) DO UPDATE SET "
                + "detail = violation.detail || '; ' || excluded.detail")) {
            insert.setLong(1, seq);
            insert.setString(2, Kind.VOLUME_NOT_COVERED.name());
            insert.setString(3, crossing.detail());
            insert.setObject(4, crossing.partnershipId());
            insert.setObject(5, at.atOffset(ZoneOffset.UTC));
            insert.setObject(6, crossing.revision());
            insert.executeUpdate();
            return true;
        }
    }
}
