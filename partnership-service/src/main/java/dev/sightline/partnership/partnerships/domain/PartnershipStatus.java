package dev.sightline.partnership.partnerships.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The guarded lifecycle of a partnership: {@code DRAFT → UNDER_REVIEW → APPROVED → ACTIVE ⇄ SUSPENDED →
 * TERMINATED}, {@code UNDER_REVIEW → DRAFT} when a review rejects it, and {@code APPROVED → DRAFT} when an
 * approved record must change before it goes live (an approved record is frozen, so it would be stuck otherwise).
 */
public enum PartnershipStatus {
    DRAFT, UNDER_REVIEW, APPROVED, ACTIVE, SUSPENDED, TERMINATED;

    private static final Map<PartnershipStatus, Set<PartnershipStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(UNDER_REVIEW),
            UNDER_REVIEW, EnumSet.of(APPROVED, DRAFT),
            APPROVED, EnumSet.of(ACTIVE, DRAFT),
            ACTIVE, EnumSet.of(SUSPENDED),
            SUSPENDED, EnumSet.of(ACTIVE, TERMINATED),
            TERMINATED, EnumSet.noneOf(PartnershipStatus.class));

    /** The statuses this one may move to directly. */
    public Set<PartnershipStatus> next() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    public boolean canMoveTo(PartnershipStatus target) {
        return NEXT.get(this).contains(target);
    }

    /**
     * Whether the record may be edited in this status: not while a review looks at it, not between approval
     * and activation (what was approved is what goes live), never once terminated.
     */
    public boolean editable() {
        return this == DRAFT || this == ACTIVE || this == SUSPENDED;
    }
}
