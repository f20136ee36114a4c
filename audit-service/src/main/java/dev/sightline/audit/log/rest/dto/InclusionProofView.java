package dev.sightline.audit.log.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9162 inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries. */
@Schema(name = "InclusionProof")
public record InclusionProofView(long seq, long treeSize,
        @Schema(example = "qW1nfFZ2mnlyBs3jPk0vgeT46xbqKBqCgkXvr8yuB1s=") String leafHash,
        @Schema(description = "Base64 node hashes, leaf to root") List<String> path) {
}
