package dev.sightline.disclosure.disclosures.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What to disclose: a jurisdiction, a period, optionally the partnerships. The period is given either as instants
 * [periodStart, periodEnd) or as dates in the jurisdiction's reporting time zone [periodStartDate 00:00,
 * periodEndDate 00:00), never both. A period that has not ended is disclosed only as a provisional report.
 */
@Schema(name = "DisclosureRequest", description = "The period is given either as instants (periodStart and "
        + "periodEnd) or as dates in the jurisdiction's reporting time zone (periodStartDate and periodEndDate: from "
        + "the start date's midnight to the end date's midnight there; EU Europe/Brussels, CN Asia/Shanghai, US "
        + "America/New_York, US-CA America/Los_Angeles), not both and not a mix.", example = """
        {"jurisdiction": "CN", "periodStartDate": "2026-01-01", "periodEndDate": "2027-01-01"}""")
public record DisclosureRequest(
        @Schema(description = "EU, CN, US or US-CA", example = "EU") @NotBlank String jurisdiction,
        @Schema(description = "First instant covered; with periodEnd, instead of the dates") Instant periodStart,
        @Schema(description = "First instant no longer covered") Instant periodEnd,
        @Schema(description = "First day covered, from its midnight in the reporting time zone; with periodEndDate, "
                + "instead of the instants", example = "2026-01-01") LocalDate periodStartDate,
        @Schema(description = "First day no longer covered: the period ends at its midnight in the reporting time "
                + "zone", example = "2027-01-01") LocalDate periodEndDate,
        @Schema(description = "Default: every partnership active in the period in a market of the jurisdiction")
        @Size(max = 100) List<@NotNull UUID> partnershipIds,
        @Schema(description = "A published disclosure of the same jurisdiction this one corrects; publishing this "
                + "one marks it SUPERSEDED") UUID supersedes,
        @Schema(description = "Required (true) for a period that has not ended: the report is then PROVISIONAL, says "
                + "so on every page, and its figures will change. A period that has not ended is refused without it")
        Boolean provisional) {
}
