package dev.sightline.partnership.partnerships.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A partnership at one revision: its content, where it stands in its lifecycle, and who made the revision and
 * when. Immutable; each change yields the next revision.
 */
public record PartnershipRecord(UUID id, PartnershipContent content, PartnershipStatus status, int revision,
        Stamp created, Stamp updated, StatusChange lastTransition) {

    /** Revision 1, in DRAFT. */
    public static PartnershipRecord created(UUID id, PartnershipContent content, Stamp stamp) {
        return new PartnershipRecord(id, content, PartnershipStatus.DRAFT, 1, stamp, stamp, null);
    }

    /** The next revision with new content, in the same status. */
    public PartnershipRecord revised(PartnershipContent next, Stamp stamp) {
        return new PartnershipRecord(id, next, status, revision + 1, created, stamp, lastTransition);
    }

    /** The next revision after a lifecycle transition, made by its actor at its instant. */
    public PartnershipRecord transitioned(StatusChange change) {
        return new PartnershipRecord(id, content, change.to(), revision + 1, created,
                new Stamp(change.at(), change.actor()), change);
    }

    /** ACTIVE, and {@code day} within the effective dates (both inclusive). */
    public boolean activeOn(LocalDate day) {
        return status == PartnershipStatus.ACTIVE && content.effectiveFrom() != null
                && !day.isBefore(content.effectiveFrom())
                && (content.effectiveTo() == null || !day.isAfter(content.effectiveTo()));
    }
}
