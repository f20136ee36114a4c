package dev.sightline.disclosure.disclosures.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a published disclosure is withdrawn; the reason is kept with it. */
@Schema(name = "WithdrawRequest", example = """
        {"reason": "Figures for March were computed before a late batch of events arrived"}""")
public record WithdrawRequest(@NotBlank @Size(max = 2000) String reason) {
}
