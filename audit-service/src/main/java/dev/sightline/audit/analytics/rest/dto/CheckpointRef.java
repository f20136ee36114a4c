package dev.sightline.audit.analytics.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The signed checkpoint figures were computed at: exactly the entries with seq below size. */
@Schema(name = "CheckpointRef")
public record CheckpointRef(
        @Schema(description = "Tree size: the figures cover the entries with seq < size") long size,
        @Schema(description = "Base64 root hash of that checkpoint; null while nothing is covered",
                nullable = true) String root) {
}
