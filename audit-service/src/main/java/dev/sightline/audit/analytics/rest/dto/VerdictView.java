package dev.sightline.audit.analytics.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An entry's verdict against its partnership's policy in force at occurredAt. */
@Schema(name = "Verdict")
public record VerdictView(
        @Schema(description = "The entry's seq; fetch its inclusion proof with it") long seq,
        UUID partnershipId,
        Instant occurredAt,
        @Schema(enumeration = { "JUDGED", "PENDING", "QUARANTINED" }, description = "PENDING until the policy could "
                + "be fetched; QUARANTINED when the analytics could not derive the entry (it is in no figure)")
        String status,
        @Schema(description = "The policy revision judged against, where a violation names it", nullable = true)
        Integer policyRevision,
        List<ViolationItem> violations,
        @Schema(description = "For PENDING: fetch attempts so far", nullable = true) Integer attempts,
        @Schema(description = "For PENDING: why it is not judged yet; for QUARANTINED: the stage and the reason",
                nullable = true) String lastError) {

    @Schema(name = "ViolationItem")
    public record ViolationItem(
            @Schema(enumeration = { "CATEGORY_NOT_ALLOWED", "SENSITIVE_NOT_ALLOWED", "MODE_NOT_ALLOWED",
                    "COUNTRY_NOT_ALLOWED", "PURPOSE_NOT_ALLOWED", "PARTNERSHIP_NOT_ACTIVE", "UNKNOWN_PARTNERSHIP",
                    "VOLUME_NOT_COVERED" })
            String kind,
            String detail) {
    }
}
