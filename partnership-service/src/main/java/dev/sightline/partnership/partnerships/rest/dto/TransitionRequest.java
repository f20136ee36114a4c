package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to move a partnership along its lifecycle. */
@Schema(name = "TransitionRequest", example = """
        {"to": "UNDER_REVIEW", "reason": "Scope agreed with the partner; ready for privacy review"}""")
public record TransitionRequest(
        @NotNull PartnershipStatus to,
        @NotBlank @Size(max = 2000) String reason) {
}
