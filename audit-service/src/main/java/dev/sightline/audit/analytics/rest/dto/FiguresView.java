package dev.sightline.audit.analytics.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Everything a disclosure cites about a set of partnerships and a period, all computed at one checkpoint. */
@Schema(name = "Figures")
public record FiguresView(Instant from, Instant to,
        @Schema(description = "Every figure below covers exactly the entries with seq < checkpoint.size")
        CheckpointRef checkpoint,
        @Schema(example = "2026.3") String ruleSetVersion,
        List<PartnershipFigures> partnerships,
        @Schema(description = "Authority data requests concerning the partnerships named") AuthorityRegisterView authorityRequests) {

    @Schema(name = "PartnershipFigures")
    public record PartnershipFigures(UUID partnershipId,
            @Schema(description = "User-data access (activity ACCESS: entries naming at least one data category): "
                    + "totals and breakdowns by every dimension") StatsView stats,
            @Schema(description = "Governance activity (activity GOVERNANCE: entries naming no data category, such as "
                    + "reads and writes of partnership records and regulators' downloads): totals and breakdowns by "
                    + "every dimension, counted apart from user-data access") StatsView governance,
            @Schema(description = "Violations by kind; an entry with two kinds counts under both. A kind without "
                    + "violations in the period is listed (count 0) when a remediation of it was recorded below the "
                    + "checkpoint") List<KindCount> violations,
            @Schema(description = "Entries of the period still awaiting a verdict (policy not yet available)")
            long pendingVerdicts,
            @Schema(description = "Threshold status at the period's last instant (its end minus 1 µs), so every "
                    + "window ends with the period") ThresholdsView thresholds,
            @Schema(description = "Entries of the partnership in the period, below the checkpoint, that the analytics "
                    + "could not classify (quarantined): in none of the statistics, violations or thresholds here")
            long unclassified) {
    }

    @Schema(name = "KindCount")
    public record KindCount(@Schema(example = "MODE_NOT_ALLOWED") String kind, long count,
            @Schema(description = "When the first violation of this kind in the period occurred; null when none",
                    nullable = true) Instant firstAt,
            @Schema(description = "When the last violation of this kind in the period occurred; null when none",
                    nullable = true) Instant lastAt,
            @Schema(description = "The latest remediation of this kind in this partnership recorded at or before the "
                    + "figures' instant: its governance entry is below the checkpoint; null when none", nullable = true)
            KindRemediation remediation) {
    }

    @Schema(name = "KindRemediation")
    public record KindRemediation(
            @Schema(enumeration = { "OPEN", "IN_PROGRESS", "REMEDIATED", "DISPUTED" }) String status, String text,
            String recordedBy, Instant recordedAt) {
    }
}
