package dev.sightline.partnership.rest.dto;

import dev.sightline.partnership.domain.PartnershipStatus;
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
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        int revision,
        Instant updatedAt) {
}
