package dev.sightline.audit.log.rest.dto;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A signed tree head. */
@Schema(name = "Checkpoint")
public record CheckpointView(
        @Schema(example = "1234") long size,
        @Schema(description = "Base64 RFC 9162 root hash", example = "rSk8EpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY=")
        String root,
        @Schema(description = "The C2SP tlog-checkpoint signed as a C2SP signed note (Ed25519), followed by the "
                + "cosignature lines of the witnesses that cosigned it", example = """
                sightline.example/audit-log
                1234
                rSk8EpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY=

                \u2014 sightline.example/audit-log Az3grqsa8ggvoOVm9ww3oL1AhaoHqBr54Ki5XBMkd10GQfTNOxfzjzfiPTcFn8Tzk+8U0UqsrrkDIs3WL3a7+qNI4Qo=
                """) String note,
        @Schema(description = "Key id (hex) of the key that signed it") String keyId,
        Instant time,
        @Schema(description = "The witnesses' cosignatures of this checkpoint, also appended to the note")
        List<CosignatureView> cosignatures) {
}
