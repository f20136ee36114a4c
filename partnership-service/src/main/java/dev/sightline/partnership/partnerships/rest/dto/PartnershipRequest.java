package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.rest.NoContactData;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A partnership as a manager writes it: on create the first revision, on update (PUT) the whole new state.
 * Absent lists are empty; activation decides what must be filled in.
 */
@Schema(name = "PartnershipRequest", example = PartnershipRequest.EXAMPLE)
public record PartnershipRequest(
        @Schema(description = "Unique, client-chosen: a create retried with the same reference is refused, not doubled")
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z][A-Z0-9]*(-[A-Z0-9]+)+", message = "must look like PRT-2026-0001") String reference,
        @NotBlank @Size(max = 300) String title,
        @Schema(description = "Free text; no contact data (e-mail addresses, phone numbers, IBANs)", nullable = true)
        @Size(max = 10000) @NoContactData String description,
        @Schema(description = "Who in the company is accountable") @NotBlank @Size(max = 200) String owner,
        @Schema(description = "First day in force (years 0001 to 9999)", nullable = true) LocalDate effectiveFrom,
        @Schema(description = "Last day in force (years 0001 to 9999); open-ended when absent", nullable = true)
        LocalDate effectiveTo,
        @NotNull UUID partnerId,
        @Size(max = 50) List<@NotNull @Valid AiSystem> aiSystems,
        @Size(max = 100) List<@NotNull @Valid Feature> features,
        @Schema(description = "Countries (ISO 3166-1 alpha-2) or the region code EU where the features are offered")
        @Size(max = 250) List<@NotNull @MarketCode String> markets,
        @Schema(nullable = true) @Valid DataPolicy dataPolicy,
        @Size(max = 200) List<@NotNull @Valid Transfer> transfers,
        @Size(max = 100) List<@NotNull @Valid LegalBasis> legalBases,
        @Size(max = 100) List<@NotNull @Valid Assessment> assessments,
        @Size(max = 100) List<@NotNull @Valid Filing> filings,
        @Size(max = 100) List<@NotBlank @Size(max = 2000) String> publicCommitments) {

    static final String EXAMPLE = """
            {"reference": "PRT-2026-0001", "title": "Nimbus-LM for voice assistance and translation in Germany",
             "description": "Partner model answers voice queries and translates text for German users.",
             "owner": "ai-partnerships@example.com", "effectiveFrom": "2026-03-01", "effectiveTo": null,
             "partnerId": "0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c",
             "aiSystems": [{"name": "Nimbus-LM", "provider": "Nimbus Cloud Intelligence", "version": "4.2",
                            "riskClass": "LIMITED", "generalPurpose": true}],
             "features": [{"key": "voice-assistant", "name": "Voice assistant", "purpose": "Answer spoken questions"}],
             "markets": ["DE"],
             "dataPolicy": {"allowedCategories": ["user.content.voice", "user.content.text"],
                            "forbiddenCategories": ["user.biometric"], "allowedModes": ["ON_DEVICE", "PARTNER_CLOUD"],
                            "allowedCountries": ["DE", "CN"], "allowedPurposes": ["voice-assistance", "translation"],
                            "retentionDays": 30, "sensitiveAllowed": false},
             "transfers": [{"fromRegion": "EU", "toCountry": "CN", "mechanism": "EU_SCC", "reference": "SCC-2026-014"}],
             "legalBases": [{"jurisdiction": "EU", "basis": "GDPR Art. 6(1)(a) consent", "notes": null}],
             "assessments": [{"type": "TIA", "status": "APPROVED", "date": "2026-02-10", "reviewer": "dpo@example.com",
                              "approver": "ciso@example.com", "nextReview": "2027-02-10", "reference": "TIA-2026-003"}],
             "filings": [{"type": "EU_AI_DATABASE_REGISTRATION", "number": "EUDB-000123", "date": "2026-02-20"}],
             "publicCommitments": ["Voice recordings are deleted after 30 days"]}""";
}
