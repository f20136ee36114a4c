package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.TransferMechanism;
import dev.sightline.support.validation.CountryCode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A cross-border transfer of user data and the legal mechanism that covers it. */
@Schema(name = "Transfer", example = """
        {"fromRegion": "EU", "toCountry": "CN", "mechanism": "EU_SCC", "reference": "SCC-2026-014 (module 1)"}""")
public record Transfer(
        @Schema(description = "Country or region code (EU) the data leaves") @NotNull @MarketCode String fromRegion,
        @NotNull @CountryCode String toCountry,
        @NotNull TransferMechanism mechanism,
        @Schema(nullable = true) @Size(max = 300) String reference) {
}
