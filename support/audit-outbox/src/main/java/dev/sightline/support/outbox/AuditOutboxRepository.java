package dev.sightline.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code audit_outbox} table of the service's schema, in plain SQL: rows are appended with the access they
 * describe and claimed by the relay with {@code FOR UPDATE SKIP LOCKED}, which an entity mapping would only get
 * in the way of.
 */
@ApplicationScoped
class AuditOutboxRepository {
    /** An event waiting for delivery: its id and its JSON exactly as it will be posted. */
    record PendingEvent(UUID eventId, String payload, int attempts) {
    }

    /** The longest {@code last_error} kept. */
    private static final int MAX_ERROR = 2000;

    private final EntityManager em;

    AuditOutboxRepository(EntityManager em) {
        this.em = em;
    }

    void append(AuditEvent event) {
        em.createNativeQuery("INSERT INTO audit_outbox (event_id, partnership_id, payload) VALUES (?1, ?2, CAST(?3 AS jsonb))")
                .setParameter(1, event.eventId()).setParameter(2, event.partnershipId())
                .setParameter(3, event.toJson()).executeUpdate();
    }

    /**
     * Locks up to {@code limit} due events for the caller's transaction; rows another relay (replica) holds
     * are skipped, so no event is sent by two relays at once.
     */
    @SuppressWarnings("unchecked")
    List<PendingEvent> claimDue(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT event_id, payload::text, attempts FROM audit_outbox
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at, position
                LIMIT ?1
                FOR UPDATE SKIP LOCKED""").setParameter(1, limit).getResultList();
        return rows.stream()
                .map(r -> new PendingEvent((UUID) r[0], (String) r[1], ((Number) r[2]).intValue()))
                .toList();
    }

    /** The audit-service stored the event, at {@code auditSeq} in its log when its answer named it. */
    void markSent(UUID eventId, Long auditSeq) {
        em.createNativeQuery("""
                UPDATE audit_outbox SET status = 'SENT', sent_at = now(), attempts = attempts + 1, audit_seq = ?2,
                    last_error = NULL
                WHERE event_id = ?1""").setParameter(1, eventId).setParameter(2, auditSeq).executeUpdate();
    }

    void markForRetry(UUID eventId, Instant nextAttemptAt, String error) {
        em.createNativeQuery("""
                UPDATE audit_outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
                WHERE event_id = ?1""").setParameter(1, eventId).setParameter(2, nextAttemptAt)
                .setParameter(3, truncate(error)).executeUpdate();
    }

    void markFailed(UUID eventId, String error) {
        em.createNativeQuery("""
                UPDATE audit_outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ?2
                WHERE event_id = ?1""").setParameter(1, eventId).setParameter(2, truncate(error)).executeUpdate();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
