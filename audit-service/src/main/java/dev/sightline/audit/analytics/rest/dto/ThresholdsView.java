package dev.sightline.audit.analytics.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Regulatory volume thresholds evaluated from the log at an instant, under a named rule-set version. */
@Schema(name = "Thresholds")
public record ThresholdsView(@Schema(description = "null when no partnership was named", nullable = true)
        UUID partnershipId,
        @Schema(description = "The instant of evaluation: every window ends at and includes it (for a period, its last "
                + "instant, the period's end minus 1 µs)") Instant at,
        String ruleSetVersion, CheckpointRef checkpoint,
        @Schema(description = "Entries in the windows, of any partnership, whose verdict (and so their counterparty) "
                + "is still pending; while above 0 the counts may rise") long pendingEntries,
        List<Result> results,
        @Schema(description = "Entries of any partnership in the widest window, below the checkpoint, that the "
                + "analytics could not classify (quarantined): counted in none of the results, so a count may be "
                + "short by up to this many") long unclassified) {

    @Schema(name = "ThresholdResult")
    public record Result(
            @Schema(example = "US_BULK_SENSITIVE_DATA") String regime,
            @Schema(example = "28 CFR 202.205") String citation,
            @Schema(example = "HUMAN_GENOMIC") String category,
            @Schema(enumeration = { "COUNTERPARTY", "EXPORTER", "PARTNERSHIP" },
                    description = "Whose data are counted together: every partnership with the same partner "
                            + "(COUNTERPARTY), every partnership of the company (EXPORTER) or the partnership alone")
            String aggregation,
            @Schema(description = "The partner organisation counted for; null where the regime counts across "
                    + "counterparties", nullable = true) UUID counterparty,
            @Schema(description = "Start of the window, inclusive") Instant windowFrom,
            @Schema(description = "End of the window, exclusive (the instant of evaluation plus 1 µs)")
            Instant windowTo,
            @Schema(description = "Distinct subjects (pseudonymised references count) in the window, over the "
                    + "aggregation; the status is of this count") long count,
            @Schema(description = "The part of count that the partnership asked for contributed; null when none was "
                    + "named", nullable = true) Long partnershipCount,
            @Schema(description = "The part of count whose events recorded no subject region: counted because the "
                    + "partnership serves the regime's markets, not from the data") long inferredFromMarkets,
            @Schema(enumeration = { ">", "≥" }, description = "How count is compared with threshold: \">\" more than "
                    + "(the number itself is not crossed), \"≥\" the number or more") String comparator,
            long threshold,
            @Schema(example = "RESTRICTED_SECURITY_REQUIREMENTS", description = "What crossing this threshold requires "
                    + "(STANDARD_CONTRACT_OR_CERTIFICATION, SECURITY_ASSESSMENT, PROHIBITED, "
                    + "RESTRICTED_SECURITY_REQUIREMENTS)") String consequence,
            @Schema(example = "28 CFR 202.205(d); 28 CFR 202.401", description = "Instrument and article of the "
                    + "threshold and of its consequence") String source,
            @Schema(description = "The recorded transfer mechanisms any of which covers the consequence; empty when "
                    + "none can (a prohibited transaction). A crossing that the partnership's recorded transfers do "
                    + "not cover is a VOLUME_NOT_COVERED violation", example = "[\"US_DOJ_SECURITY_REQUIREMENTS\"]")
            List<String> coveredBy,
            @Schema(description = "count / threshold, 4 decimals") BigDecimal ratio,
            @Schema(enumeration = { "BELOW", "NEAR", "EXCEEDED" },
                    description = "EXCEEDED when count meets the comparator; NEAR when it does not but reaches 80 % of "
                            + "the threshold; else BELOW")
            String status,
            String ruleSetVersion) {
    }
}
