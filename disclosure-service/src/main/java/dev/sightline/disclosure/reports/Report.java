package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sightline.disclosure.snapshot.Checkpoint;
import dev.sightline.disclosure.snapshot.Figures.AuthorityRequests;
import dev.sightline.disclosure.snapshot.Figures.DataAccess;
import dev.sightline.disclosure.snapshot.Figures.KindCount;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.Partner;
import dev.sightline.disclosure.snapshot.Partnership.Assessment;
import dev.sightline.disclosure.snapshot.Partnership.DataPolicy;
import dev.sightline.disclosure.snapshot.Partnership.Feature;
import dev.sightline.disclosure.snapshot.Partnership.Filing;
import dev.sightline.disclosure.snapshot.Partnership.LegalBasis;
import dev.sightline.disclosure.snapshot.Partnership.Transfer;
import dev.sightline.disclosure.snapshot.PreviousDisclosure;
import dev.sightline.disclosure.snapshot.StatusChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A disclosure's report, member for member as {@code schemas/disclosure.json} describes it (Jackson writes the
 * members in this order; the canonical form sorts them anyway). A report generated before reports named their
 * reporting time zone has no {@code reportingTimeZone}, {@code periodStartLocal} or {@code periodEndLocal}: they are
 * left out when null, so such a report reads back to the same bytes.
 *
 * @param reportingTimeZone the IANA zone the jurisdiction's template counts periods in
 * @param periodStartLocal {@code periodStart} in that zone ({@link ReportingPeriod#local})
 * @param periodEndLocal {@code periodEnd} in that zone
 * @param publication null for a draft; who published it and when, once published
 * @param recordsAsOf the instant the partnership records were read at
 */
public record Report(
        @JsonProperty("$schema") String schema,
        UUID disclosureId,
        int version,
        String jurisdiction,
        Instant periodStart,
        Instant periodEnd,
        @JsonInclude(Include.NON_NULL) String reportingTimeZone,
        @JsonInclude(Include.NON_NULL) String periodStartLocal,
        @JsonInclude(Include.NON_NULL) String periodEndLocal,
        String title,
        TemplateRef template,
        String ruleSet,
        List<String> legalFrame,
        Instant generatedAt,
        String authoredBy,
        UUID supersedes,
        Publication publication,
        Instant recordsAsOf,
        List<DisclosedPartnership> partnerships,
        AuthorityRequests authorityRequests,
        Attestation attestation) {

    public static final String SCHEMA_ID = "https://sightline.example/schemas/disclosure/v1.json";

    /** The same report, published. */
    public Report withPublication(Publication publication) {
        return new Report(schema, disclosureId, version, jurisdiction, periodStart, periodEnd, reportingTimeZone,
                periodStartLocal, periodEndLocal, title, template, ruleSet, legalFrame, generatedAt, authoredBy,
                supersedes, publication, recordsAsOf, partnerships, authorityRequests, attestation);
    }

    public record TemplateRef(String id, String version) {
    }

    public record Publication(Instant publishedAt, String publishedBy) {
    }

    /** One partnership: what was agreed (its revision in force at the period's end), then what the log shows. */
    public record DisclosedPartnership(
            UUID id,
            String reference,
            String title,
            String status,
            LocalDate effectiveFrom,
            LocalDate effectiveTo,
            int revision,
            List<String> markets,
            Partner partner,
            List<DisclosedAiSystem> aiSystems,
            List<Feature> features,
            DataPolicy dataPolicy,
            List<Transfer> transfers,
            List<LegalBasis> legalBases,
            List<Assessment> assessments,
            List<Filing> filings,
            List<String> publicCommitments,
            List<StatusChange> statusChanges,
            DataAccess dataAccess,
            @JsonInclude(Include.NON_NULL) DataAccess governance,
            @JsonInclude(Include.NON_NULL) Long unclassified,
            Compliance compliance,
            List<ThresholdResult> thresholds) {

        /** Lists a report written by hand leaves out read as empty; {@code markets} stays as written. */
        public DisclosedPartnership {
            aiSystems = orEmpty(aiSystems);
            features = orEmpty(features);
            transfers = orEmpty(transfers);
            legalBases = orEmpty(legalBases);
            assessments = orEmpty(assessments);
            filings = orEmpty(filings);
            publicCommitments = orEmpty(publicCommitments);
            statusChanges = orEmpty(statusChanges);
            thresholds = orEmpty(thresholds);
        }
    }

    /** An AI system with the duties the template's law attaches to its risk class. */
    public record DisclosedAiSystem(String name, String provider, String version, String riskClass,
            Boolean generalPurpose, String duties) {
    }

    public record Compliance(List<KindCount> violations, long pendingVerdicts) {
        public Compliance {
            violations = orEmpty(violations);
        }
    }

    /** The checkpoint every figure covers, and the link from the previous published disclosure's (null if none). */
    public record Attestation(Checkpoint checkpoint, PreviousDisclosure previous) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
