package dev.sightline.audit.log.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of entries; pass {@code next} as {@code after} for the following page. */
@Schema(name = "EntryPage")
public record EntryPage(List<EntryView> items,
        @Schema(description = "Cursor of the next page; null on the last page", nullable = true) Long next) {
}
