package dev.sightline.audit.log.rest.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A witness's cosignature of a checkpoint, verified with the witness's configured key when it was received. */
@Schema(name = "Cosignature")
public record CosignatureView(
        @Schema(description = "The witness's name in this service's configuration", example = "regulator") String witness,
        @Schema(description = "The witness's key name", example = "witness.sightline.example/w1") String keyName,
        @Schema(description = "Key id (hex) of the witness's cosignature/v1 key", example = "26619904") String keyId,
        @Schema(description = "The C2SP tlog-cosignature line, as it appears in the note", example = "\u2014 "
                + "witness.sightline.example/w1 JmGZBAAAAABrEVzgxVWnM5aVuN70eESlyH8ZqoB9+qiPQOVZxjv2nAyEBNvKxyCfhvTHVf6X"
                + "2FtIsvZPz+E93fZOzKVNqBbQ9r9tBQ==") String signature,
        @Schema(description = "When the witness cosigned (its timestamp, whole seconds)") Instant time) {
}
