package dev.sightline.audit.remediation.rest.dto;

import dev.sightline.audit.remediation.RemediationStatus;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One revision of a remediation record. */
@Schema(name = "Remediation")
public record RemediationView(UUID partnershipId, @Schema(example = "MODE_NOT_ALLOWED") String kind,
        RemediationStatus status, String text,
        @Schema(description = "The auditor who recorded it", example = "ivan") String recordedBy,
        Instant recordedAt,
        @Schema(description = "1 for the first record of this partnership and kind, then one more for each change",
                example = "1") int revision,
        @Schema(description = "The seq of the log's governance entry recording this change (for its inclusion proof)")
        long logSeq) {
}
