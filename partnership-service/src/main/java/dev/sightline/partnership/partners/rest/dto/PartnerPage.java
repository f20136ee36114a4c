package dev.sightline.partnership.partners.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of partners, oldest first. */
@Schema(name = "PartnerPage")
public record PartnerPage(
        List<PartnerView> items,
        @Schema(description = "Pass as 'after' for the next page; null on the last page", nullable = true) String next) {
}
