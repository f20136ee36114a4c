package dev.sightline.audit.log.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9162 consistency proof that the tree of {@code to} entries extends the tree of {@code from}. */
@Schema(name = "ConsistencyProof")
public record ConsistencyProofView(long from, long to,
        @Schema(description = "Base64 node hashes") List<String> path) {
}
