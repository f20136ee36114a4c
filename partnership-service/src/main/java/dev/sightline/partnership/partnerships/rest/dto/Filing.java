package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.FilingType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A regulatory filing or registration, such as the EU AI database registration or a CAC algorithm filing. */
@Schema(name = "Filing", example = """
        {"type": "CAC_ALGORITHM_FILING", "number": "网信算备110108000000001号", "date": "2026-01-20"}""")
public record Filing(
        @NotNull FilingType type,
        @Schema(nullable = true) @Size(max = 200) String number,
        @Schema(nullable = true) LocalDate date) {
}
