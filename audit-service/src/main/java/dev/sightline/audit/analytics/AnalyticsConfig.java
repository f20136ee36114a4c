package dev.sightline.audit.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The analytics worker: verdicts, rollups and the threshold rule set ({@code sightline.analytics.*}). */
@ConfigMapping(prefix = "sightline.analytics")
public interface AnalyticsConfig {
    /** Whether this replica runs the worker (it also needs the advisory lock; one replica works at a time). */
    @WithDefault("true")
    boolean enabled();

    /** How often the worker looks for new checkpoints and due retries. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Entries one worker transaction aims for (it always stops at a checkpoint size, so it may take more). */
    @WithDefault("50000")
    int batchSize();

    /** First wait before an entry whose policy could not be fetched is tried again; doubles up to maxRetryDelay. */
    @WithDefault("5s")
    Duration retryDelay();

    @WithDefault("5m")
    Duration maxRetryDelay();

    /**
     * The current revision of a policy is known only up to when it was fetched; entries after that wait until it
     * is fetched again, at most this often per partnership (each fetch is a READ event in the log).
     */
    @WithDefault("30s")
    Duration policyRefresh();

    /**
     * A pass of the worker that moves no cursor for this long is stuck (a hung query or thread): the liveness
     * check then reports DOWN so the replica is restarted. Failing passes are not stuck; they are retried.
     */
    @WithDefault("10m")
    Duration stuckAfter();

    /**
     * How often, at most, the threshold crossings are evaluated against the partnerships' recorded transfer
     * mechanisms (each evaluation reads every regime's window, about as costly as {@code GET /thresholds}).
     */
    @WithDefault("1m")
    Duration crossingInterval();

    /** Classpath resource or file holding the threshold rule set. */
    @WithDefault("rules/threshold-rules.json")
    String ruleSet();
}
