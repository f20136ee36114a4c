package dev.sightline.audit.analytics.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rebuild of the derived tables was started. */
@Schema(name = "Rebuild")
public record RebuildView(@Schema(description = "Entries the worker will derive everything from again") long logSize,
        String detail) {
}
