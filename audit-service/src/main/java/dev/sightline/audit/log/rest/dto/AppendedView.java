package dev.sightline.audit.log.rest.dto;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an event stands in the log. */
@Schema(name = "Appended")
public record AppendedView(
        UUID eventId,
        @Schema(description = "Position in the log, dense from 0", example = "1234") long seq,
        @Schema(description = "Base64 SHA-256(0x00 || JCS(entry))", example = "qW1nfFZ2mnlyBs3jPk0vgeT46xbqKBqCgkXvr8yuB1s=")
        String leafHash,
        @Schema(description = "True when the eventId was already in the log with the same content") boolean duplicate) {
}
