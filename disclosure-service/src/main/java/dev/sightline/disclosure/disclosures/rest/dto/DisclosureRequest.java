package dev.sightline.disclosure.disclosures.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to disclose: a jurisdiction, a period [periodStart, periodEnd), optionally the partnerships. */
@Schema(name = "DisclosureRequest", example = """
        {"jurisdiction": "EU", "periodStart": "2026-01-01T00:00:00Z", "periodEnd": "2026-07-01T00:00:00Z"}""")
public record DisclosureRequest(
        @Schema(description = "EU, CN, US or US-CA", example = "EU") @NotBlank String jurisdiction,
        @Schema(description = "First instant covered") @NotNull Instant periodStart,
        @Schema(description = "First instant no longer covered") @NotNull Instant periodEnd,
        @Schema(description = "Default: every partnership active in the period in a market of the jurisdiction")
        @Size(max = 100) List<@NotNull UUID> partnershipIds,
        @Schema(description = "A published disclosure of the same jurisdiction this one corrects; publishing this "
                + "one marks it SUPERSEDED") UUID supersedes) {
}
