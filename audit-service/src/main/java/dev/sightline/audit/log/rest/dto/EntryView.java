package dev.sightline.audit.log.rest.dto;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored entry exactly as it was hashed: {@code SHA-256(0x00 || JCS(entry)) == leafHash}.
 * The entry is written out byte for byte as stored, which is already its canonical form.
 */
@Schema(name = "Entry")
public record EntryView(
        long seq,
        @Schema(example = "qW1nfFZ2mnlyBs3jPk0vgeT46xbqKBqCgkXvr8yuB1s=") String leafHash,
        @JsonRawValue @Schema(type = SchemaType.OBJECT,
                description = "The event plus receivedAt, in RFC 8785 canonical form") String entry) {
}
