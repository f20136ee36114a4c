package dev.sightline.partnership.partnerships.rest.dto;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lifecycle transition: who moved the partnership from where to where, when and why. */
@Schema(name = "StatusChange")
public record StatusChange(PartnershipStatus from, PartnershipStatus to, String actor, String reason, Instant at) {
}
