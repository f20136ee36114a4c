package dev.sightline.audit.log.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to verify the stored log against besides what it stores itself. */
@Schema(name = "VerificationRequest")
public record VerificationRequest(
        @Schema(description = "Checkpoints kept outside the database (signed notes, as GET /checkpoints/latest "
                + "serves them as text/plain), e.g. the latest ones witnesses or regulators hold; each must agree "
                + "with the stored log at its size, or it is reported as a fork. At most 100.",
                example = "[\"sightline.example/audit-log\\n4382\\nnWk1...=\\n\\n\\u2014 sightline.example/audit-log "
                        + "Az3gq...=\\n\"]")
        List<String> knownCheckpoints) {
}
