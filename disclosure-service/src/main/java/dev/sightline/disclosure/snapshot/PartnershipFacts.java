package dev.sightline.disclosure.snapshot;

import java.util.List;

/** One partnership as a disclosure states it: its revision in force, its partner, its status changes in the period. */
public record PartnershipFacts(Partnership partnership, Partner partner, List<StatusChange> statusChanges) {
}
