package dev.sightline.disclosure.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** The partner of a partnership, as a disclosure states it (with its national-security and covered-person flags). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Partner(UUID id, String legalName, String countryOfIncorporation, String headquartersCountry,
        String parentGroup, boolean nationalSecurityAccess, boolean coveredPerson) {
}
