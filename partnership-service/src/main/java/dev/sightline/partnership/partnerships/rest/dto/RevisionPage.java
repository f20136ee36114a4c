package dev.sightline.partnership.partnerships.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a partnership's revisions, oldest first. */
@Schema(name = "RevisionPage")
public record RevisionPage(
        List<RevisionSummary> items,
        @Schema(description = "Pass as 'after' for the next page; null on the last page", nullable = true) String next) {
}
