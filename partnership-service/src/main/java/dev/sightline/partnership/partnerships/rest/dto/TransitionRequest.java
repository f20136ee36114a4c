package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import dev.sightline.partnership.rest.NoContactData;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to move a partnership along its lifecycle. */
@Schema(name = "TransitionRequest", example = """
        {"to": "UNDER_REVIEW", "reason": "Scope agreed with the partner; ready for privacy review"}""")
public record TransitionRequest(
        @NotNull PartnershipStatus to,
        @Schema(description = "Why; no contact data (e-mail addresses, phone numbers, IBANs)")
        @NotBlank @Size(max = 2000) @NoContactData String reason) {
}
