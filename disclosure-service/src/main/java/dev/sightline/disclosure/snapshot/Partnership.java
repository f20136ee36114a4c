package dev.sightline.disclosure.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A partnership as the partnership-service shows it at one revision (only what a disclosure reads). Lists it
 * leaves out read as empty; {@code markets} and {@code dataPolicy} stay null where it says null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Partnership(UUID id, String reference, String title, String owner, String status,
        LocalDate effectiveFrom,
        LocalDate effectiveTo, UUID partnerId, int revision, List<String> markets, List<AiSystem> aiSystems,
        List<Feature> features, DataPolicy dataPolicy, List<Transfer> transfers, List<LegalBasis> legalBases,
        List<Assessment> assessments, List<Filing> filings, List<String> publicCommitments) {

    public Partnership {
        aiSystems = orEmpty(aiSystems);
        features = orEmpty(features);
        transfers = orEmpty(transfers);
        legalBases = orEmpty(legalBases);
        assessments = orEmpty(assessments);
        filings = orEmpty(filings);
        publicCommitments = orEmpty(publicCommitments);
    }

    /** The markets, none where the record names none. */
    public List<String> marketsOrNone() {
        return markets == null ? List.of() : markets;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AiSystem(String name, String provider, String version, String riskClass, Boolean generalPurpose) {
        public boolean isGeneralPurpose() {
            return Boolean.TRUE.equals(generalPurpose);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Feature(String key, String name, String purpose) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataPolicy(List<String> allowedCategories, List<String> forbiddenCategories,
            List<String> allowedModes, List<String> allowedCountries, List<String> allowedPurposes,
            Integer retentionDays, Boolean sensitiveAllowed) {
        /** A policy that says nothing, for a partnership without one. */
        public static final DataPolicy NONE = new DataPolicy(null, null, null, null, null, null, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Transfer(String fromRegion, String toCountry, String mechanism, String reference) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegalBasis(String jurisdiction, String basis, String notes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assessment(String type, String status, LocalDate date, String reviewer, String approver,
            LocalDate nextReview, String reference) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filing(String type, String number, LocalDate date) {
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
