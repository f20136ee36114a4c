package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.RevisionKind;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who changed what and when. */
@Schema(name = "RevisionSummary", example = """
        {"revision": 3, "validFrom": "2026-02-27T09:12:44.512034Z", "actor": "alice", "kind": "UPDATED",
         "summary": "Changed dataPolicy.allowedCategories, markets", "reason": null,
         "changedFields": ["dataPolicy.allowedCategories", "markets"]}""")
public record RevisionSummary(
        int revision,
        @Schema(description = "In force from this instant until the next revision") Instant validFrom,
        String actor,
        RevisionKind kind,
        String summary,
        @Schema(description = "The reason given for a transition or a decision; null for other revisions",
                nullable = true) String reason,
        @Schema(description = "JSON paths of the fields that differ from the previous revision") List<String> changedFields) {
}
