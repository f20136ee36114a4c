package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.RiskClass;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An AI system the partnership lets into the product. */
@Schema(name = "AiSystem", example = """
        {"name": "Nimbus-LM", "provider": "Nimbus Cloud Intelligence", "version": "4.2", "riskClass": "LIMITED",
         "generalPurpose": true}""")
public record AiSystem(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String provider,
        @Schema(nullable = true) @Size(max = 100) String version,
        @Schema(description = "EU AI Act risk class") @NotNull RiskClass riskClass,
        @Schema(description = "A general-purpose AI model (EU AI Act Art. 3(63))") @NotNull Boolean generalPurpose) {
}
