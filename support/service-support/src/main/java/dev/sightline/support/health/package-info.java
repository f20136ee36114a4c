/**
 * Whether a service's PostgreSQL answers, shared by the three services: the schema is migrated by
 * {@link dev.sightline.support.health.DatabaseHealth} (never at boot), readiness says DOWN within a bounded time
 * when the database is down or hangs, and a request that fails for that reason is a 503 problem, never a 500 or a
 * hang. Each change of state is logged once.
 */
package dev.sightline.support.health;
