package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import dev.sightline.partnership.partnerships.domain.ProcessingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data policy in force at one instant, in the compact shape the audit-service judges access events
 * against. Before the partnership existed, {@code revision} and {@code status} are null, {@code active} is
 * false and the lists are empty. {@code revisionValidFrom} and {@code revisionValidUntil} bound the interval in
 * which this revision is the one in force, so a caller may answer any instant inside it without asking again
 * ({@code active} still depends on the instant's UTC day, see there).
 */
@Schema(name = "Policy", example = """
        {"partnershipId": "6f0c7d1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f", "revision": 4, "at": "2026-03-01T00:00:00Z",
         "status": "ACTIVE", "effectiveFrom": "2026-03-01", "effectiveTo": null, "active": true,
         "allowedCategories": ["user.content.voice", "user.content.text"], "forbiddenCategories": ["user.biometric"],
         "allowedModes": ["ON_DEVICE", "PARTNER_CLOUD"], "allowedCountries": ["DE", "CN"],
         "allowedPurposes": ["voice-assistance", "translation"], "retentionDays": 30, "sensitiveAllowed": false,
         "sensitiveCategories": ["user.biometric", "user.financial", "user.genomic", "user.health",
                                 "user.identifier.covered", "user.location.precise", "user.minor"],
         "taxonomyVersion": "2026.1", "revisionValidFrom": "2026-02-27T09:12:44Z", "revisionValidUntil": null,
         "partnerId": "0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c", "partnerCountry": "CN", "partnerCoveredPerson": true,
         "markets": ["DE", "US"],
         "transfers": [{"fromRegion": "EU", "toCountry": "CN", "mechanism": "EU_SCC", "reference": "SCC-2026-014"}]}""")
public record PolicyView(
        UUID partnershipId,
        @Schema(description = "The revision in force at 'at'; null before the partnership existed", nullable = true)
        Integer revision,
        Instant at,
        @Schema(description = "Status in force at 'at'; null before the partnership existed", nullable = true)
        PartnershipStatus status,
        @Schema(nullable = true) LocalDate effectiveFrom,
        @Schema(nullable = true) LocalDate effectiveTo,
        @Schema(description = "Status ACTIVE and 'at' within the effective dates (UTC days, both inclusive)") boolean active,
        List<String> allowedCategories,
        List<String> forbiddenCategories,
        List<ProcessingMode> allowedModes,
        List<String> allowedCountries,
        List<String> allowedPurposes,
        @Schema(nullable = true) Integer retentionDays,
        boolean sensitiveAllowed,
        @Schema(description = "Every taxonomy key marked sensitive") List<String> sensitiveCategories,
        String taxonomyVersion,
        @Schema(description = "When the revision in force at 'at' took effect; null before the first revision",
                nullable = true) Instant revisionValidFrom,
        @Schema(description = "When the next revision took effect (exclusive end of this answer's validity); null "
                + "while this revision is the current one", nullable = true) Instant revisionValidUntil,
        @Schema(description = "The counterparty (partner organisation); null before the first revision",
                nullable = true) UUID partnerId,
        @Schema(description = "The counterparty's headquarters country; null before the first revision",
                nullable = true) String partnerCountry,
        @Schema(description = "Whether the counterparty is a 'covered person' under the US bulk sensitive data rule "
                + "(28 CFR 202.211), as derived from its countries") boolean partnerCoveredPerson,
        @Schema(description = "Markets (countries or regions) the partnership serves") List<String> markets,
        @Schema(description = "The cross-border transfers recorded in the revision in force, each with the mechanism "
                + "that covers it") List<Transfer> transfers) {

    public static Builder builder() {
        return new Builder();
    }

    /** Names every field; lists default to empty and flags to false, as before the first revision. */
    public static final class Builder {
        private UUID partnershipId;
        private Integer revision;
        private Instant at;
        private PartnershipStatus status;
        private LocalDate effectiveFrom;
        private LocalDate effectiveTo;
        private boolean active;
        private List<String> allowedCategories = List.of();
        private List<String> forbiddenCategories = List.of();
        private List<ProcessingMode> allowedModes = List.of();
        private List<String> allowedCountries = List.of();
        private List<String> allowedPurposes = List.of();
        private Integer retentionDays;
        private boolean sensitiveAllowed;
        private List<String> sensitiveCategories = List.of();
        private String taxonomyVersion;
        private Instant revisionValidFrom;
        private Instant revisionValidUntil;
        private UUID partnerId;
        private String partnerCountry;
        private boolean partnerCoveredPerson;
        private List<String> markets = List.of();
        private List<Transfer> transfers = List.of();

        private Builder() {
        }

        public Builder partnershipId(UUID partnershipId) {
            this.partnershipId = partnershipId;
            return this;
        }

        public Builder revision(Integer revision) {
            this.revision = revision;
            return this;
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Builder status(PartnershipStatus status) {
            this.status = status;
            return this;
        }

        public Builder effectiveFrom(LocalDate effectiveFrom) {
            this.effectiveFrom = effectiveFrom;
            return this;
        }

        public Builder effectiveTo(LocalDate effectiveTo) {
            this.effectiveTo = effectiveTo;
            return this;
        }

        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        public Builder allowedCategories(List<String> allowedCategories) {
            this.allowedCategories = allowedCategories;
            return this;
        }

        public Builder forbiddenCategories(List<String> forbiddenCategories) {
            this.forbiddenCategories = forbiddenCategories;
            return this;
        }

        public Builder allowedModes(List<ProcessingMode> allowedModes) {
            this.allowedModes = allowedModes;
            return this;
        }

        public Builder allowedCountries(List<String> allowedCountries) {
            this.allowedCountries = allowedCountries;
            return this;
        }

        public Builder allowedPurposes(List<String> allowedPurposes) {
            this.allowedPurposes = allowedPurposes;
            return this;
        }

        public Builder retentionDays(Integer retentionDays) {
            this.retentionDays = retentionDays;
            return this;
        }

        public Builder sensitiveAllowed(boolean sensitiveAllowed) {
            this.sensitiveAllowed = sensitiveAllowed;
            return this;
        }

        public Builder sensitiveCategories(List<String> sensitiveCategories) {
            this.sensitiveCategories = sensitiveCategories;
            return this;
        }

        public Builder taxonomyVersion(String taxonomyVersion) {
            this.taxonomyVersion = taxonomyVersion;
            return this;
        }

        public Builder revisionValidFrom(Instant revisionValidFrom) {
            this.revisionValidFrom = revisionValidFrom;
            return this;
        }

        public Builder revisionValidUntil(Instant revisionValidUntil) {
            this.revisionValidUntil = revisionValidUntil;
            return this;
        }

        public Builder partnerId(UUID partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        public Builder partnerCountry(String partnerCountry) {
            this.partnerCountry = partnerCountry;
            return this;
        }

        public Builder partnerCoveredPerson(boolean partnerCoveredPerson) {
            this.partnerCoveredPerson = partnerCoveredPerson;
            return this;
        }

        public Builder markets(List<String> markets) {
            this.markets = markets;
            return this;
        }

        public Builder transfers(List<Transfer> transfers) {
            this.transfers = transfers;
            return this;
        }

        public PolicyView build() {
            return new PolicyView(partnershipId, revision, at, status, effectiveFrom, effectiveTo, active,
                    allowedCategories, forbiddenCategories, allowedModes, allowedCountries, allowedPurposes,
                    retentionDays, sensitiveAllowed, sensitiveCategories, taxonomyVersion, revisionValidFrom,
                    revisionValidUntil, partnerId, partnerCountry, partnerCoveredPerson, markets, transfers);
        }
    }
}
