package dev.sightline.audit.remediation.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Remediation revisions, newest first; pass next as after for the following page. */
@Schema(name = "RemediationPage")
public record RemediationPage(List<RemediationView> items,
        @Schema(description = "Cursor; null on the last page", nullable = true) String next) {
}
