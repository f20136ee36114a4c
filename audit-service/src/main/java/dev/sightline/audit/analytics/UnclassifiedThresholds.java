package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.ThresholdRules.Regime;
import dev.sightline.audit.analytics.ThresholdRules.RuleSet;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How many entries a thresholds answer could not count: those of its partnership in the widest window of the rule
 * set, below the checkpoint it cites, that the analytics quarantined (at either stage).
 */
@ApplicationScoped
public class UnclassifiedThresholds {
    private final Snapshots snapshots;
    private final ThresholdRules rules;

    UnclassifiedThresholds(Snapshots snapshots, ThresholdRules rules) {
        this.snapshots = snapshots;
        this.rules = rules;
    }

    /**
     * The answer with its count of unclassified entries. Entries below a checkpoint the stage has passed are
     * quarantined for good, so a later snapshot counts the same entries as the one the answer was computed in.
     */
    public ThresholdsView of(ThresholdsView view) {
        return view.withUnclassified(snapshots.read(c -> count(c, view.checkpoint().size(), view.partnershipId(),
                view.at(), rules.rules())));
    }

    static long count(Connection c, long size, UUID partnershipId, Instant at, RuleSet ruleSet) throws SQLException {
        Instant start = ruleSet.regimes().stream().map(Regime::window).map(w -> w.start(at)).min(Instant::compareTo)
                .orElse(at);
        return Quarantine.unclassified(c, size, null, partnershipId == null ? null : List.of(partnershipId), start,
                at, null);
    }
}
