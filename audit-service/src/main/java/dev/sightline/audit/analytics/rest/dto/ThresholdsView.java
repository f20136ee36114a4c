package dev.sightline.audit.analytics.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Regulatory volume thresholds evaluated from the log at an instant, under a named rule-set version. */
@Schema(name = "Thresholds")
public record ThresholdsView(UUID partnershipId, Instant at, String ruleSetVersion, CheckpointRef checkpoint,
        @Schema(description = "Entries in the windows whose verdict (and so their counterparty) is still pending; "
                + "while above 0 the counts may rise") long pendingEntries,
        List<Result> results,
        @Schema(description = "Entries of the partnership in the widest window, below the checkpoint, that the "
                + "analytics could not classify (quarantined): counted in none of the results, so a count may be "
                + "short by up to this many") long unclassified) {

    /** The thresholds before the entries the analytics could not classify are counted. */
    public ThresholdsView(UUID partnershipId, Instant at, String ruleSetVersion, CheckpointRef checkpoint,
            long pendingEntries, List<Result> results) {
        this(partnershipId, at, ruleSetVersion, checkpoint, pendingEntries, results, 0);
    }

    public ThresholdsView withUnclassified(long count) {
        return new ThresholdsView(partnershipId, at, ruleSetVersion, checkpoint, pendingEntries, results, count);
    }

    @Schema(name = "ThresholdResult")
    public record Result(
            @Schema(example = "US_BULK_SENSITIVE_DATA") String regime,
            @Schema(example = "28 CFR 202.205") String citation,
            @Schema(example = "HUMAN_GENOMIC") String category,
            @Schema(description = "The partner organisation; null where the regime counts across counterparties")
            UUID counterparty,
            Instant windowFrom,
            Instant windowTo,
            @Schema(description = "Distinct subjects (pseudonymised references count) in the window") long count,
            long threshold,
            @Schema(description = "count / threshold, 4 decimals") BigDecimal ratio,
            @Schema(enumeration = { "BELOW", "NEAR", "EXCEEDED" },
                    description = "EXCEEDED when count > threshold (\"more than\"); NEAR when 80 % of it <= count < threshold; "
                            + "else BELOW, exactly at the threshold included")
            String status,
            String ruleSetVersion) {
    }
}
