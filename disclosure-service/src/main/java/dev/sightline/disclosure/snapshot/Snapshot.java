package dev.sightline.disclosure.snapshot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Everything one report is built from, read before anything is stored.
 *
 * @param asOf the instant the partnership records were read at
 * @param figuresAsOf the instant the audit-service's figures were taken
 * @param logKey the log key that signed the checkpoint
 * @param previous the attestation's link to the previous published disclosure of the jurisdiction; null for the
 *        first one
 */
public record Snapshot(Instant asOf, Instant figuresAsOf, List<PartnershipFacts> partnerships, Figures figures,
        Checkpoint checkpoint, LogKey logKey, PreviousDisclosure previous) {

    /** The instant the partnership records are read at: the period's last microsecond, or now if sooner. */
    public static Instant asOf(Instant periodEnd) {
        Instant last = periodEnd.minus(1, ChronoUnit.MICROS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return last.isBefore(now) ? last : now;
    }
}
