package dev.sightline.partnership.partners.rest.dto;

import dev.sightline.partnership.rest.NoContactData;
import dev.sightline.support.validation.CountryCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a partnership manager registers about a partner organisation. */
@Schema(name = "PartnerRequest", example = """
        {"legalName": "Nimbus Cloud Intelligence Co., Ltd.", "countryOfIncorporation": "CN",
         "headquartersCountry": "CN", "parentGroup": "Nimbus Holdings",
         "ownershipNotes": "Listed; state-linked fund holds 12 %", "lei": "5493001KJTIIGC8Y1R12",
         "nationalSecurityAccess": true}""")
public record PartnerRequest(
        @NotBlank @Size(max = 300) String legalName,
        @NotNull @CountryCode String countryOfIncorporation,
        @NotNull @CountryCode String headquartersCountry,
        @Schema(nullable = true) @Size(max = 300) String parentGroup,
        @Schema(description = "Free text about the partner's owners; no contact data (e-mail addresses, phone "
                + "numbers, IBANs)", nullable = true) @Size(max = 4000) @NoContactData String ownershipNotes,
        @Schema(nullable = true)
        @Pattern(regexp = "[0-9A-Z]{18}[0-9]{2}", message = "must be a 20-character ISO 17442 LEI") String lei,
        @Schema(description = "Subject to national-security laws that can compel access to data")
        @NotNull Boolean nationalSecurityAccess) {
}
