package dev.sightline.partnership.partnerships.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partnership as the API shows it, now or at a past revision. */
@Schema(name = "Partnership", example = """
        {"id": "6f0c7d1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f", "reference": "PRT-2026-0001",
         "title": "Nimbus-LM for voice assistance in Germany", "description": null, "owner": "ai-partnerships@example.com",
         "effectiveFrom": "2026-03-01", "effectiveTo": null, "partnerId": "0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c",
         "status": "ACTIVE",
         "aiSystems": [{"name": "Nimbus-LM", "provider": "Nimbus Cloud Intelligence", "version": "4.2",
                        "riskClass": "LIMITED", "generalPurpose": true}],
         "features": [{"key": "voice-assistant", "name": "Voice assistant", "purpose": "Answer spoken questions"}],
         "markets": ["DE"],
         "dataPolicy": {"allowedCategories": ["user.content.voice"], "forbiddenCategories": [],
                        "allowedModes": ["PARTNER_CLOUD"], "allowedCountries": ["DE", "CN"],
                        "allowedPurposes": ["voice-assistance"], "retentionDays": 30, "sensitiveAllowed": false},
         "transfers": [{"fromRegion": "EU", "toCountry": "CN", "mechanism": "EU_SCC", "reference": "SCC-2026-014"}],
         "legalBases": [], "assessments": [{"type": "TIA", "status": "APPROVED", "date": "2026-02-10",
                        "reviewer": "dpo@example.com", "approver": "ciso@example.com", "nextReview": "2027-02-10",
                        "reference": null}],
         "filings": [], "publicCommitments": [], "revision": 4, "createdAt": "2026-02-01T09:00:00Z",
         "createdBy": "alice", "updatedAt": "2026-02-28T16:30:00Z", "updatedBy": "alice",
         "lastTransition": {"from": "APPROVED", "to": "ACTIVE", "actor": "alice", "reason": "Go-live approved",
                            "at": "2026-02-28T16:30:00Z"}}""")
public record PartnershipView(
        UUID id,
        String reference,
        String title,
        @Schema(nullable = true) String description,
        String owner,
        @Schema(nullable = true) LocalDate effectiveFrom,
        @Schema(description = "Last day in force; null when open-ended", nullable = true) LocalDate effectiveTo,
        UUID partnerId,
        PartnershipStatus status,
        List<AiSystem> aiSystems,
        List<Feature> features,
        List<String> markets,
        DataPolicy dataPolicy,
        List<Transfer> transfers,
        List<LegalBasis> legalBases,
        List<Assessment> assessments,
        List<Filing> filings,
        List<String> publicCommitments,
        @Schema(description = "Number of this revision; also the ETag") int revision,
        Instant createdAt,
        String createdBy,
        @Schema(description = "When this revision came into force") Instant updatedAt,
        String updatedBy,
        @Schema(description = "The latest lifecycle transition; null before the first", nullable = true)
        StatusChange lastTransition,
        @Schema(description = "A change widening the data policy that waits for approval, not in force; absent when "
                + "none waits") @JsonInclude(JsonInclude.Include.NON_NULL) PendingChange pendingChange) {

    /** The entity tag of this revision, for {@code If-Match} on updates. */
    @JsonIgnore
    public String etag() {
        return Integer.toString(revision);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names every field, so none of the many same-typed ones can be swapped by position. */
    public static final class Builder {
        private UUID id;
        private String reference;
        private String title;
        private String description;
        private String owner;
        private LocalDate effectiveFrom;
        private LocalDate effectiveTo;
        private UUID partnerId;
        private PartnershipStatus status;
        private List<AiSystem> aiSystems;
        private List<Feature> features;
        private List<String> markets;
        private DataPolicy dataPolicy;
        private List<Transfer> transfers;
        private List<LegalBasis> legalBases;
        private List<Assessment> assessments;
        private List<Filing> filings;
        private List<String> publicCommitments;
        private int revision;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;
        private StatusChange lastTransition;
        private PendingChange pendingChange;

        private Builder() {
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
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

        public Builder partnerId(UUID partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        public Builder status(PartnershipStatus status) {
            this.status = status;
            return this;
        }

        public Builder aiSystems(List<AiSystem> aiSystems) {
            this.aiSystems = aiSystems;
            return this;
        }

        public Builder features(List<Feature> features) {
            this.features = features;
            return this;
        }

        public Builder markets(List<String> markets) {
            this.markets = markets;
            return this;
        }

        public Builder dataPolicy(DataPolicy dataPolicy) {
            this.dataPolicy = dataPolicy;
            return this;
        }

        public Builder transfers(List<Transfer> transfers) {
            this.transfers = transfers;
            return this;
        }

        public Builder legalBases(List<LegalBasis> legalBases) {
            this.legalBases = legalBases;
            return this;
        }

        public Builder assessments(List<Assessment> assessments) {
            this.assessments = assessments;
            return this;
        }

        public Builder filings(List<Filing> filings) {
            this.filings = filings;
            return this;
        }

        public Builder publicCommitments(List<String> publicCommitments) {
            this.publicCommitments = publicCommitments;
            return this;
        }

        public Builder revision(int revision) {
            this.revision = revision;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder updatedBy(String updatedBy) {
            this.updatedBy = updatedBy;
            return this;
        }

        public Builder lastTransition(StatusChange lastTransition) {
            this.lastTransition = lastTransition;
            return this;
        }

        public Builder pendingChange(PendingChange pendingChange) {
            this.pendingChange = pendingChange;
            return this;
        }

        public PartnershipView build() {
            return new PartnershipView(id, reference, title, description, owner, effectiveFrom, effectiveTo,
                    partnerId, status, aiSystems, features, markets, dataPolicy, transfers, legalBases, assessments,
                    filings, publicCommitments, revision, createdAt, createdBy, updatedAt, updatedBy, lastTransition,
                    pendingChange);
        }
    }
}
