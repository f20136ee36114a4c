package dev.sightline.audit.log;

import java.time.Instant;
import java.util.UUID;

/** Filters of the entry list; null means "any". */
public record EntryFilter(UUID partnershipId, String actorId, String action, String category, Instant from,
        Instant to) {
}
