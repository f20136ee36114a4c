package dev.sightline.partnership.partnerships.rest.dto;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A change that widens the data policy of an ACTIVE or SUSPENDED partnership: not in force until a partnership
 * manager other than its proposer approves it ({@code POST .../pending-change/decision}).
 */
@Schema(name = "PendingChange")
public record PendingChange(
        @Schema(description = "The whole record as proposed, in the shape of a PUT body") PartnershipRequest content,
        String proposedBy,
        Instant proposedAt,
        @Schema(description = "How it widens the data policy in force, one entry per field") List<String> widenings) {
}
