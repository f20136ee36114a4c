package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.ProcessingMode;
import dev.sightline.support.validation.CountryCode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The boundaries the company promised for the partner's AI. A draft may leave parts open; activation needs
 * every part (see the transitions endpoint).
 */
@Schema(name = "DataPolicy", example = """
        {"allowedCategories": ["user.content.voice", "user.content.text"], "forbiddenCategories": ["user.biometric"],
         "allowedModes": ["ON_DEVICE", "PARTNER_CLOUD"], "allowedCountries": ["DE", "CN"],
         "allowedPurposes": ["voice-assistance", "translation"], "retentionDays": 30, "sensitiveAllowed": false}""")
public record DataPolicy(
        @Schema(description = "Taxonomy keys; a key allows its children")
        @Size(max = 100) List<@NotNull @DataCategoryKey String> allowedCategories,
        @Schema(description = "Taxonomy keys excluded even where an allowed parent covers them")
        @Size(max = 100) List<@NotNull @DataCategoryKey String> forbiddenCategories,
        @Size(max = 3) List<@NotNull ProcessingMode> allowedModes,
        @Schema(description = "ISO 3166-1 alpha-2 countries where processing may happen, in any mode: for ON_DEVICE "
                + "the users' own countries, for the cloud modes where the servers are. Needed for activation as soon "
                + "as any mode is allowed; access events are judged by their processing country whatever the mode")
        @Size(max = 250) List<@NotNull @CountryCode String> allowedCountries,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> allowedPurposes,
        @Schema(description = "Days the partner may keep the data; null until decided", nullable = true)
        @PositiveOrZero @Max(36500) Integer retentionDays,
        @Schema(description = "Whether sensitive categories (taxonomy 'sensitive') may be processed at all; null until "
                + "decided", nullable = true)
        Boolean sensitiveAllowed) {
}
