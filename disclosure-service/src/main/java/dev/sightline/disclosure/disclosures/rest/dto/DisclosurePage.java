package dev.sightline.disclosure.disclosures.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of disclosures, oldest first. */
@Schema(name = "DisclosurePage")
public record DisclosurePage(List<DisclosureView> items,
        @Schema(description = "Pass as 'after' for the next page; null on the last page", nullable = true)
        String next) {
}
