/**
 * The audit outbox every service that reports to the audit log uses.
 * <p>
 * A service records each access as an {@link dev.sightline.support.outbox.AuditEvent} through
 * {@link dev.sightline.support.outbox.AuditOutbox#enqueue}, inside the transaction of the access: the event is
 * committed if and only if the access is. {@link dev.sightline.support.outbox.OutboxRelay} delivers the
 * {@code audit_outbox} table of the service's schema to the audit-service's batch API, at least once per event
 * (the audit-service is idempotent by eventId, so the log holds each exactly once), never from two replicas at
 * once, keeps an event the audit-service refuses as FAILED without holding up the others, and records the log
 * position ({@code audit_seq}) of each event it delivered.
 * <p>
 * What a service adds: this jar as a dependency, {@code db/audit-outbox} in {@code quarkus.flyway.locations}
 * (the repeatable migration that creates or converges the table), {@code quarkus.rest-client.audit.url}, the
 * default {@code quarkus.oidc-client} for its token, and {@code sightline.outbox.*} ({@link
 * dev.sightline.support.outbox.OutboxConfig}).
 */
package dev.sightline.support.outbox;
