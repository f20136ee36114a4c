package dev.sightline.partnership.partnerships.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of partnerships, oldest first. */
@Schema(name = "PartnershipPage")
public record PartnershipPage(
        List<PartnershipSummary> items,
        @Schema(description = "Pass as 'after' for the next page; null on the last page", nullable = true) String next) {
}
