package dev.sightline.audit.analytics.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Entries in violation, in log order; pass next as after for the following page. */
@Schema(name = "ViolationPage")
public record ViolationPage(List<VerdictView> items, @Schema(description = "Cursor; null on the last page",
        nullable = true) Long next) {
}
