package dev.sightline.disclosure.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit-service's figures for a set of partnerships and a period, all computed at one checkpoint (only what a
 * disclosure reads). Lists it leaves out read as empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Figures(String ruleSetVersion, CheckpointRef checkpoint, List<PartnershipFigures> partnerships,
        AuthorityRequests authorityRequests) {

    public Figures {
        checkpoint = checkpoint == null ? new CheckpointRef(0, null) : checkpoint;
        partnerships = Partnership.orEmpty(partnerships);
        authorityRequests = authorityRequests == null ? new AuthorityRequests(0, null, null, null) : authorityRequests;
    }

    /** The figures of one partnership; the audit-service answers for every partnership it was asked about. */
    public PartnershipFigures of(UUID partnershipId) {
        return partnerships.stream().filter(p -> partnershipId.equals(p.partnershipId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the audit-service's figures leave out partnership "
                        + partnershipId));
    }

    /** The checkpoint the figures cover: the entries with seq below size; root is null while nothing is covered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CheckpointRef(long size, String root) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PartnershipFigures(UUID partnershipId, DataAccess stats, DataAccess governance,
            List<KindCount> violations, long pendingVerdicts, Thresholds thresholds, long unclassified) {
        public PartnershipFigures {
            stats = stats == null ? new DataAccess(null, null) : stats;
            governance = governance == null ? new DataAccess(null, null) : governance;
            violations = Partnership.orEmpty(violations);
            thresholds = thresholds == null ? new Thresholds(null) : thresholds;
        }
    }

    /** Events, records and distinct subjects in total and by each dimension. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataAccess(Counts totals, List<Breakdown> breakdowns) {
        public DataAccess {
            totals = totals == null ? new Counts(null, 0, 0, 0) : totals;
            breakdowns = Partnership.orEmpty(breakdowns);
        }
    }

    /** One group's figures; {@code value} is null for totals and for entries without one. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(String value, long events, long records, long subjects) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Breakdown(String dimension, List<Counts> groups) {
        public Breakdown {
            groups = Partnership.orEmpty(groups);
        }
    }

    /**
     * Violations of one kind: how many, the first and last occurrence (null when none) and the remediation an
     * auditor recorded, the latest as of the figures' checkpoint (null when none). The occurrences and the
     * remediation are absent from older audit-services and from reports made before them; they stay absent then.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KindCount(String kind, long count, @JsonInclude(Include.NON_NULL) Instant firstAt,
            @JsonInclude(Include.NON_NULL) Instant lastAt, @JsonInclude(Include.NON_NULL) Remediation remediation) {
    }

    /** What an auditor recorded about a kind of violation of a partnership: OPEN, IN_PROGRESS, REMEDIATED, DISPUTED. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Remediation(String status, String text, String recordedBy, Instant recordedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Thresholds(List<ThresholdResult> results) {
        public Thresholds {
            results = Partnership.orEmpty(results);
        }
    }

    /**
     * A regulatory volume threshold evaluated at the period's last instant: what it aggregates (the partnership, its
     * counterparty or the exporter), the aggregate's count, this partnership's share and the part inferred from the
     * markets served (no region recorded), the rule's comparator, number, consequence and source, and the recorded
     * transfer mechanisms that cover the consequence. The rule's words fields are absent from reports made before the rules named
     * them, and so stay absent when such a report is read back.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ThresholdResult(String regime, String citation, String category,
            @JsonInclude(Include.NON_NULL) String aggregation, UUID counterparty, Instant windowFrom,
            Instant windowTo, long count, @JsonInclude(Include.NON_NULL) Long partnershipCount,
            @JsonInclude(Include.NON_NULL) Long inferredFromMarkets,
            @JsonInclude(Include.NON_NULL) String comparator, long threshold,
            @JsonInclude(Include.NON_NULL) String consequence, @JsonInclude(Include.NON_NULL) String source,
            @JsonInclude(Include.NON_NULL) List<String> coveredBy, double ratio, String status) {
    }

    /** Authority data requests concerning the partnerships, in total and by country, instrument and disposition. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuthorityRequests(long total, List<ValueCount> byCountry, List<ValueCount> byLegalInstrument,
            List<ValueCount> byDisposition) {
        public AuthorityRequests {
            byCountry = Partnership.orEmpty(byCountry);
            byLegalInstrument = Partnership.orEmpty(byLegalInstrument);
            byDisposition = Partnership.orEmpty(byDisposition);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ValueCount(String value, long count) {
    }
}
