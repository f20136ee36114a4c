package dev.sightline.partnership.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sightline.partnership.domain.PartnershipStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partnership as the API shows it, now or at a past revision; also the snapshot each revision stores. */
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
        String description,
        String owner,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
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
        @Schema(description = "The latest lifecycle transition, if any") StatusChange lastTransition) {

    /** The entity tag of this revision, for {@code If-Match} on updates. */
    @JsonIgnore
    public String etag() {
        return Integer.toString(revision);
    }
}
