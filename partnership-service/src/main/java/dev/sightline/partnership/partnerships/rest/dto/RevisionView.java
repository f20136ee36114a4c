package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.RevisionKind;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One revision: the change and the whole partnership as it stood after it. */
@Schema(name = "Revision")
public record RevisionView(
        int revision,
        Instant validFrom,
        String actor,
        RevisionKind kind,
        String summary,
        @Schema(description = "The reason given for a transition or a decision; null for other revisions",
                nullable = true) String reason,
        List<String> changedFields,
        PartnershipView partnership) {
}
