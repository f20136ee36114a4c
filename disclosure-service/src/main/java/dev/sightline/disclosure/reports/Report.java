package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sightline.disclosure.snapshot.Checkpoint;
import dev.sightline.disclosure.snapshot.Figures.AuthorityRequests;
import dev.sightline.disclosure.snapshot.Figures.DataAccess;
import dev.sightline.disclosure.snapshot.Figures.Remediation;
import dev.sightline.disclosure.snapshot.Figures.ThresholdResult;
import dev.sightline.disclosure.snapshot.LogKey;
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
import java.util.Map;
import java.util.UUID;

/**
 * A disclosure's report, member for member as {@code schemas/disclosure.json} describes it (Jackson writes the
 * members in this order; the canonical form sorts them anyway). A report generated before reports named their
 * reporting time zone has no {@code reportingTimeZone}, {@code periodStartLocal} or {@code periodEndLocal}: they are
 * left out when null, so such a report reads back to the same bytes. The same holds for what reports say since they
 * became what a regulator files ({@code titleZh} and {@code legalFrameZh} (CN), {@code languages},
 * {@code provisional}, {@code figuresAsOf}, {@code accountability}, {@code scope}, {@code methodology},
 * {@code limitations}, {@code labels}): every report generated now has them (CN's Chinese ones only); one made
 * before has none.
 *
 * @param reportingTimeZone the IANA zone the jurisdiction's template counts periods in
 * @param periodStartLocal {@code periodStart} in that zone ({@link ReportingPeriod#local})
 * @param periodEndLocal {@code periodEnd} in that zone
 * @param publication null for a draft; who published it and when, with their attestation, once published
 * @param recordsAsOf the instant the partnership records were read at
 * @param languages the languages the report speaks: {@code ["en"]}, or {@code ["zh", "en"]} for CN
 * @param provisional whether the period had not ended when the figures were taken
 * @param figuresAsOf the instant the audit-service's figures were taken
 * @param labels plain words for the keys this report uses (dimensions, values, statuses, kinds, mechanisms ...)
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
        @JsonInclude(Include.NON_NULL) String titleZh,
        TemplateRef template,
        String ruleSet,
        List<String> legalFrame,
        @JsonInclude(Include.NON_NULL) List<String> legalFrameZh,
        @JsonInclude(Include.NON_NULL) List<String> languages,
        @JsonInclude(Include.NON_NULL) Boolean provisional,
        Instant generatedAt,
        String authoredBy,
        UUID supersedes,
        Publication publication,
        Instant recordsAsOf,
        @JsonInclude(Include.NON_NULL) Instant figuresAsOf,
        @JsonInclude(Include.NON_NULL) Accountability accountability,
        @JsonInclude(Include.NON_NULL) Scope scope,
        @JsonInclude(Include.NON_NULL) Methodology methodology,
        @JsonInclude(Include.NON_NULL) List<Text> limitations,
        List<DisclosedPartnership> partnerships,
        AuthorityRequests authorityRequests,
        Attestation attestation,
        @JsonInclude(Include.NON_NULL) Map<String, Text> labels) {

    public static final String SCHEMA_ID = "https://sightline.example/schemas/disclosure/v1.json";

    /** The same report, published. */
    public Report withPublication(Publication publication) {
        return new Report(schema, disclosureId, version, jurisdiction, periodStart, periodEnd, reportingTimeZone,
                periodStartLocal, periodEndLocal, title, titleZh, template, ruleSet, legalFrame, legalFrameZh,
                languages, provisional, generatedAt, authoredBy, supersedes, publication, recordsAsOf, figuresAsOf,
                accountability, scope, methodology, limitations, partnerships, authorityRequests, attestation, labels);
    }

    /** Whether the period had not ended when the figures were taken. */
    public boolean provisionalReport() {
        return Boolean.TRUE.equals(provisional);
    }

    /** The languages the report speaks, English where it names none. */
    public List<String> languagesOrEnglish() {
        return languages == null || languages.isEmpty() ? List.of("en") : languages;
    }

    public record TemplateRef(String id, String version) {
    }

    /**
     * Who published the report and when, and what they attest; the attestation is absent from reports published
     * before publishers attested.
     */
    public record Publication(Instant publishedAt, String publishedBy,
            @JsonInclude(Include.NON_NULL) PublisherAttestation attestation) {
    }

    /** The publisher's own words at publishing: their name, title and statement ("I attest that ..."). */
    public record PublisherAttestation(String name, String title, String statement) {
    }

    /** The publishing company and the contact points the jurisdiction's regulators write to. */
    public record Accountability(Company company, List<Contact> contacts) {
    }

    public record Company(String legalName, String address) {
    }

    /** A contact point: its role ({@code data-protection-officer}, {@code eu-representative}, ...) and how to reach it. */
    public record Contact(String role, String name, String email, String address) {
    }

    /** What the figures cover, and what they leave out. */
    public record Scope(List<String> partnerships, List<String> features, List<String> markets,
            List<String> eventSources, List<Text> exclusions) {
    }

    /**
     * How the figures are made: definitions, counting and de-duplication, the reporting time zone, the rule set and
     * the source (instrument and article) of each rule.
     */
    public record Methodology(List<Definition> definitions, List<Text> countingRules, Text deduplication,
            String reportingTimeZone, String ruleSetVersion, List<RuleSource> rules) {
    }

    public record Definition(String term, Text text) {
    }

    public record RuleSource(String rule, String instrument, String article) {
    }

    /** One partnership: what was agreed (its revision in force at the period's end), then what the log shows. */
    public record DisclosedPartnership(
            UUID id,
            String reference,
            String title,
            @JsonInclude(Include.NON_NULL) String owner,
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

    public record Compliance(List<Violation> violations, long pendingVerdicts) {
        public Compliance {
            violations = orEmpty(violations);
        }
    }

    /**
     * Violations of one kind, explained: how many, the first and last occurrence, the data-policy clause they breach
     * (its path in the partnership record and what it allowed), the partnership's public commitments it contradicts
     * and the remediation an auditor recorded. All but kind and count are absent from reports made before them.
     */
    public record Violation(String kind, long count, @JsonInclude(Include.NON_NULL) Instant firstAt,
            @JsonInclude(Include.NON_NULL) Instant lastAt, @JsonInclude(Include.NON_NULL) PolicyClause clause,
            @JsonInclude(Include.NON_NULL) List<String> contradicts,
            @JsonInclude(Include.NON_NULL) Remediation remediation) {
    }

    /** A clause of the partnership's data policy: its path ({@code dataPolicy.allowedModes}) and what it said. */
    public record PolicyClause(String path, String terms) {
    }

    /**
     * The checkpoint every figure covers, the link from the previous published disclosure's (null if none), and
     * the log key that signed the checkpoint (absent from reports made before they named it).
     */
    public record Attestation(Checkpoint checkpoint, PreviousDisclosure previous,
            @JsonInclude(Include.NON_NULL) LogKey logKey) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
