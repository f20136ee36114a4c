package dev.sightline.partnership.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partner as the API shows it. */
@Schema(name = "Partner")
public record PartnerView(
        UUID id,
        String legalName,
        String countryOfIncorporation,
        String headquartersCountry,
        String parentGroup,
        String ownershipNotes,
        String lei,
        boolean nationalSecurityAccess,
        @Schema(description = "Derived: incorporated or headquartered in a country of concern of the US bulk-data rule")
        boolean coveredPerson,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** The entity tag of this version, for {@code If-Match} on updates. */
    @JsonIgnore
    public String etag() {
        return Long.toString(version);
    }
}
