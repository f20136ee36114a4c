package dev.sightline.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit outbox of a service ({@code sightline.outbox.*}). */
@ConfigMapping(prefix = "sightline.outbox")
public interface OutboxConfig {
    /** Whether this instance delivers the outbox; events are recorded either way. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for due events (also the scheduler's period). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events per batch request; the audit-service takes at most 1000. */
    @WithDefault("200")
    int batchSize();

    /** Batches one poll may send before yielding to the next poll. */
    @WithDefault("20")
    int maxBatchesPerPoll();

    /** Wait before the first retry; doubles with each failed attempt up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** {@code processing.country} of the service's own events: where it runs. */
    @WithDefault("DE")
    String processingCountry();
}
