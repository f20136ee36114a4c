package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import dev.sightline.support.problem.Problem.FieldError;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the partnership still lacks to go ACTIVE, without moving it: the checks submission and approval run. */
@Schema(name = "ActivationCheck", example = """
        {"partnershipId": "6f0c7d1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f", "revision": 3, "status": "DRAFT", "ready": false,
         "missing": [{"field": "transfers", "message": "no transfer mechanism for the flow EU → CN (needs one of [EU_SCC, ADEQUACY, BCR])"}]}""")
public record ActivationCheck(
        UUID partnershipId,
        @Schema(description = "The revision checked (the current one)") int revision,
        PartnershipStatus status,
        @Schema(description = "Nothing is missing: the record may be submitted, approved and activated") boolean ready,
        @Schema(description = "Everything missing, as field errors; empty when ready") List<FieldError> missing) {
}
