package dev.sightline.audit.log.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of recomputing the whole log from its stored entries. */
@Schema(name = "Verification")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(
        boolean ok,
        @Schema(description = "Entries recomputed") long verifiedSize,
        @Schema(description = "Checkpoints compared with the recomputed tree") long checkpointsVerified,
        @Schema(description = "Base64 root of the recomputed tree") String rootHash,
        @Schema(description = "First entry whose content no longer matches what was signed; absent when ok")
        Long firstBadSeq,
        @Schema(description = "What was found, in log order; empty when ok") List<String> findings) {
}
