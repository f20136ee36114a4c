package dev.sightline.support.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How {@link DatabaseHealth} watches PostgreSQL ({@code sightline.database.*}). */
@ConfigMapping(prefix = "sightline.database")
public interface DatabaseConfig {
    /** How often PostgreSQL is checked once the schema is migrated. */
    @WithDefault("1s")
    Duration checkInterval();

    /** A check not answered within this marks the database DOWN (readiness) and closes the pool's idle connections. */
    @WithDefault("2s")
    Duration checkTimeout();

    /** First wait before migrating again when PostgreSQL cannot be reached at start; doubles each time. */
    @WithDefault("1s")
    Duration retryDelay();

    /** The longest wait between two migration attempts. */
    @WithDefault("30s")
    Duration maxRetryDelay();
}
