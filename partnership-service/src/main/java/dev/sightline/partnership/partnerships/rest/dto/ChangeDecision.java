package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.rest.NoContactData;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The decision on a pending change that widens an ACTIVE or SUSPENDED partnership's data policy. */
@Schema(name = "ChangeDecision", example = """
        {"decision": "APPROVE", "reason": "Advertising use reviewed by privacy; consent flow in place"}""")
public record ChangeDecision(
        @Schema(description = "APPROVE puts the change in force; REJECT drops it (its proposer may also withdraw it so)")
        @NotNull Decision decision,
        @NotBlank @Size(max = 2000) @NoContactData String reason) {

    @Schema(name = "PendingChangeDecision")
    public enum Decision {
        APPROVE, REJECT
    }
}
