package dev.sightline.partnership.partnerships.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A partnership at one revision: its content, where it stands in its lifecycle, who made the revision and when,
 * and a change that widens its data policy and waits for approval, if any ({@code pendingChange}, not in force).
 * Immutable; each change yields the next revision.
 */
public record PartnershipRecord(UUID id, PartnershipContent content, PartnershipStatus status, int revision,
        Stamp created, Stamp updated, StatusChange lastTransition, PendingChange pendingChange) {

    /** Revision 1, in DRAFT. */
    public static PartnershipRecord created(UUID id, PartnershipContent content, Stamp stamp) {
        return new PartnershipRecord(id, content, PartnershipStatus.DRAFT, 1, stamp, stamp, null, null);
    }

    /**
     * The next revision with new content, in the same status. A change still pending is dropped: the request
     * that revised the record stated the whole record its author wants.
     */
    public PartnershipRecord revised(PartnershipContent next, Stamp stamp) {
        return new PartnershipRecord(id, next, status, revision + 1, created, stamp, lastTransition, null);
    }

    /** The next revision after a lifecycle transition, made by its actor at its instant. */
    public PartnershipRecord transitioned(StatusChange change) {
        return new PartnershipRecord(id, content, change.to(), revision + 1, created,
                new Stamp(change.at(), change.actor()), change, pendingChange);
    }

    /** The next revision with {@code change} waiting for approval; the content in force stays as it is. */
    public PartnershipRecord proposed(PendingChange change) {
        return new PartnershipRecord(id, content, status, revision + 1, created, change.proposed(), lastTransition,
                change);
    }

    /** The next revision with the pending change applied ({@code approved}) or dropped, decided by {@code stamp}. */
    public PartnershipRecord decided(boolean approved, Stamp stamp) {
        return new PartnershipRecord(id, approved ? pendingChange.content() : content, status, revision + 1, created,
                stamp, lastTransition, null);
    }

    /** ACTIVE, and {@code day} within the effective dates (both inclusive). */
    public boolean activeOn(LocalDate day) {
        return status == PartnershipStatus.ACTIVE && content.effectiveFrom() != null
                && !day.isBefore(content.effectiveFrom())
                && (content.effectiveTo() == null || !day.isAfter(content.effectiveTo()));
    }
}
