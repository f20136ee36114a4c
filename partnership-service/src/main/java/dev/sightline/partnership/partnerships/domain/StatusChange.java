package dev.sightline.partnership.partnerships.domain;

import java.time.Instant;

/** A lifecycle transition: who moved the partnership from where to where, when and why. */
public record StatusChange(PartnershipStatus from, PartnershipStatus to, String actor, String reason, Instant at) {
}
