package dev.sightline.disclosure.disclosures.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of published disclosures' metadata, oldest first. */
@Schema(name = "PublicDisclosurePage")
public record PublicDisclosurePage(List<PublicDisclosureView> items,
        @Schema(description = "Pass as 'after' for the next page; null on the last page", nullable = true)
        String next) {
}
