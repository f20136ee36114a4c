package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.rest.dto.FiguresView;
import dev.sightline.audit.analytics.rest.dto.StatsView.Activity;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
import dev.sightline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a disclosure cites, for each partnership asked for, from one snapshot at one checkpoint: statistics
 * of user-data access and, apart from them, of governance activity, by every dimension; violations by kind;
 * threshold status at the period's last instant (its end minus the log's resolution, so a period ending on
 * 1 January counts the whole year before); and the authority-request register. Both worker stages must stand at the
 * same checkpoint; while one is behind the other the answer is a 503 to retry, never figures from two different log
 * sizes.
 */
@ApplicationScoped
public class FiguresQuery {
    private final Snapshots snapshots;
    private final ThresholdQuery thresholds;
    private final ThresholdRules rules;

    FiguresQuery(Snapshots snapshots, ThresholdQuery thresholds, ThresholdRules rules) {
        this.snapshots = snapshots;
        this.thresholds = thresholds;
        this.rules = rules;
    }

    public FiguresView figures(List<UUID> partnershipIds, Instant from, Instant to) {
        if (partnershipIds.isEmpty()) {
            throw ProblemException.invalidField("partnershipId", "name at least one partnership");
        }
        if (from == null || to == null) {
            throw ProblemException.invalidField(from == null ? "from" : "to", "is required");
        }
        Snapshots.checkPeriod(from, to);
        List<UUID> ids = partnershipIds.stream().distinct().toList();
        return snapshots.read(c -> {
            long rollup = AnalyticsWorker.cursor(c, AnalyticsWorker.ROLLUP);
            long verdict = AnalyticsWorker.cursor(c, AnalyticsWorker.VERDICT);
            if (rollup != verdict) {
                throw ProblemException.unavailable("The analytics worker is between checkpoints (statistics at "
                        + rollup + ", verdicts at " + verdict + " entries); retry in a moment");
            }
            Map<UUID, ThresholdsView> atLastInstant = thresholds.thresholds(c, rollup, ids,
                    to.minus(1, ThresholdRules.RESOLUTION));
            List<FiguresView.PartnershipFigures> figures = new ArrayList<>();
            for (UUID id : ids) {
                figures.add(new FiguresView.PartnershipFigures(id,
                        StatsQuery.stats(c, rollup, id, Activity.ACCESS, from, to, StatsQuery.DIMENSIONS),
                        StatsQuery.stats(c, rollup, id, Activity.GOVERNANCE, from, to, StatsQuery.DIMENSIONS),
                        ViolationQuery.countsByKind(c, rollup, id, from, to), VerdictService.pendingIn(c, from, to, id),
                        atLastInstant.get(id),
                        Quarantine.unclassified(c, rollup, null, List.of(id), from, to, null)));
            }
            return new FiguresView(from, to, Snapshots.checkpoint(c, rollup), rules.rules().version(), figures,
                    AuthorityRegisterQuery.authorityRequests(c, rollup, ids, from, to));
        });
    }
}
