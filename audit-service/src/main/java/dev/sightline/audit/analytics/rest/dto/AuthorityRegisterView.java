package dev.sightline.audit.analytics.rest.dto;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counts of authority data requests (entries with action AUTHORITY_REQUEST) in a period. */
@Schema(name = "AuthorityRegister")
public record AuthorityRegisterView(@Schema(nullable = true) Instant from, @Schema(nullable = true) Instant to,
        CheckpointRef checkpoint, long total,
        List<Count> byCountry, List<Count> byLegalInstrument, List<Count> byDisposition,
        @Schema(description = "Authority requests of the period below the checkpoint that the analytics could not "
                + "classify (quarantined): not in the counts above") long unclassified) {

    @Schema(name = "AuthorityCount")
    public record Count(String value, long count) {
    }
}
