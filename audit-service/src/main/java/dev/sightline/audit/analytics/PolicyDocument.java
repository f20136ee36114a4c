package dev.sightline.audit.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The partnership-service's answer to {@code GET /partnerships/{id}/policy?at=}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record PolicyDocument(
        UUID partnershipId,
        Integer revision,
        Instant at,
        String status,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        boolean active,
        List<String> allowedCategories,
        List<String> forbiddenCategories,
        List<String> allowedModes,
        List<String> allowedCountries,
        List<String> allowedPurposes,
        Integer retentionDays,
        boolean sensitiveAllowed,
        List<String> sensitiveCategories,
        String taxonomyVersion,
        Instant revisionValidFrom,
        Instant revisionValidUntil,
        UUID partnerId,
        String partnerCountry,
        boolean partnerCoveredPerson,
        List<String> markets,
        List<Transfer> transfers) {

    /** A cross-border transfer the partnership records and the mechanism that covers it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transfer(String fromRegion, String toCountry, String mechanism, String reference) {
    }

    PolicyDocument {
        transfers = transfers == null ? List.of() : transfers;
    }
}
