package dev.sightline.partnership.partners.rest.dto;

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
        @Schema(nullable = true) String parentGroup,
        @Schema(nullable = true) String ownershipNotes,
        @Schema(nullable = true) String lei,
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

    public static Builder builder() {
        return new Builder();
    }

    /** Names every field, so none of the same-typed ones can be swapped by position. */
    public static final class Builder {
        private UUID id;
        private String legalName;
        private String countryOfIncorporation;
        private String headquartersCountry;
        private String parentGroup;
        private String ownershipNotes;
        private String lei;
        private boolean nationalSecurityAccess;
        private boolean coveredPerson;
        private long version;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private String updatedBy;

        private Builder() {
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder legalName(String legalName) {
            this.legalName = legalName;
            return this;
        }

        public Builder countryOfIncorporation(String countryOfIncorporation) {
            this.countryOfIncorporation = countryOfIncorporation;
            return this;
        }

        public Builder headquartersCountry(String headquartersCountry) {
            this.headquartersCountry = headquartersCountry;
            return this;
        }

        public Builder parentGroup(String parentGroup) {
            this.parentGroup = parentGroup;
            return this;
        }

        public Builder ownershipNotes(String ownershipNotes) {
            this.ownershipNotes = ownershipNotes;
            return this;
        }

        public Builder lei(String lei) {
            this.lei = lei;
            return this;
        }

        public Builder nationalSecurityAccess(boolean nationalSecurityAccess) {
            this.nationalSecurityAccess = nationalSecurityAccess;
            return this;
        }

        public Builder coveredPerson(boolean coveredPerson) {
            this.coveredPerson = coveredPerson;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder updatedBy(String updatedBy) {
            this.updatedBy = updatedBy;
            return this;
        }

        public PartnerView build() {
            return new PartnerView(id, legalName, countryOfIncorporation, headquartersCountry, parentGroup,
                    ownershipNotes, lei, nationalSecurityAccess, coveredPerson, version, createdAt, createdBy,
                    updatedAt, updatedBy);
        }
    }
}
