package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.rest.NoContactData;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The legal ground for processing in a jurisdiction. */
@Schema(name = "LegalBasis", example = """
        {"jurisdiction": "EU", "basis": "GDPR Art. 6(1)(a) consent", "notes": "Opt-in at first use"}""")
public record LegalBasis(
        @Schema(description = "Country or region code (EU)") @NotNull @MarketCode String jurisdiction,
        @NotBlank @Size(max = 300) String basis,
        @Schema(description = "Free text; no contact data", nullable = true) @Size(max = 2000) @NoContactData String notes) {
}
