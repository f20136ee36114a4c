package dev.sightline.partnership.partnerships.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product feature in scope of the partnership; {@code key} is what access events name as their feature. */
@Schema(name = "Feature", example = """
        {"key": "voice-assistant", "name": "Voice assistant", "purpose": "Answer spoken questions"}""")
public record Feature(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,63}", message = "must be lower-case letters, digits, dots and dashes (at most 64)") String key,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 1000) String purpose) {
}
