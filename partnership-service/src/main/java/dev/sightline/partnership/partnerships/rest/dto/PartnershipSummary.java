package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partnership in a list: enough to find it; read it by id for the whole record. */
@Schema(name = "PartnershipSummary")
public record PartnershipSummary(
        UUID id,
        String reference,
        String title,
        UUID partnerId,
        String partnerName,
        PartnershipStatus status,
        List<String> markets,
        List<String> riskClasses,
        @Schema(nullable = true) LocalDate effectiveFrom,
        @Schema(nullable = true) LocalDate effectiveTo,
        int revision,
        Instant updatedAt) {

    public static Builder builder() {
        return new Builder();
    }

    /** Names every field, so none of the same-typed ones can be swapped by position. */
    public static final class Builder {
        private UUID id;
        private String reference;
        private String title;
        private UUID partnerId;
        private String partnerName;
        private PartnershipStatus status;
        private List<String> markets;
        private List<String> riskClasses;
        private LocalDate effectiveFrom;
        private LocalDate effectiveTo;
        private int revision;
        private Instant updatedAt;

        private Builder() {
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder partnerId(UUID partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        public Builder partnerName(String partnerName) {
            this.partnerName = partnerName;
            return this;
        }

        public Builder status(PartnershipStatus status) {
            this.status = status;
            return this;
        }

        public Builder markets(List<String> markets) {
            this.markets = markets;
            return this;
        }

        public Builder riskClasses(List<String> riskClasses) {
            this.riskClasses = riskClasses;
            return this;
        }

        public Builder effectiveFrom(LocalDate effectiveFrom) {
            this.effectiveFrom = effectiveFrom;
            return this;
        }

        public Builder effectiveTo(LocalDate effectiveTo) {
            this.effectiveTo = effectiveTo;
            return this;
        }

        public Builder revision(int revision) {
            this.revision = revision;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public PartnershipSummary build() {
            return new PartnershipSummary(id, reference, title, partnerId, partnerName, status, markets, riskClasses,
                    effectiveFrom, effectiveTo, revision, updatedAt);
        }
    }
}
