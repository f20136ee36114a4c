package dev.sightline.disclosure.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Regulators' downloads waiting to reach the audit log, in plain SQL: appended in the transaction that serves
 * the download, claimed by the relay with {@code FOR UPDATE SKIP LOCKED} so replicas never send one twice.
 */
@ApplicationScoped
public class AuditOutboxRepository {
    /** An event waiting for delivery, exactly as it will be posted. */
    public record PendingEvent(UUID eventId, String payload, int attempts) {
    }

    private final EntityManager em;

    AuditOutboxRepository(EntityManager em) {
        this.em = em;
    }

    public void append(UUID eventId, String payload) {
        em.createNativeQuery("INSERT INTO audit_outbox (event_id, payload) VALUES (?1, CAST(?2 AS jsonb))")
                .setParameter(1, eventId).setParameter(2, payload).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<PendingEvent> claimDue(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT event_id, payload::text, attempts FROM audit_outbox
                WHERE status = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at, position LIMIT ?1
                FOR UPDATE SKIP LOCKED""").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new PendingEvent((UUID) r[0], (String) r[1], ((Number) r[2]).intValue()))
                .toList();
    }

    public void markSent(UUID eventId) {
        em.createNativeQuery("UPDATE audit_outbox SET status = 'SENT', sent_at = now(), attempts = attempts + 1, "
                + "last_error = NULL WHERE event_id = ?1").setParameter(1, eventId).executeUpdate();
    }

    public void markForRetry(UUID eventId, Instant next, String error) {
        em.createNativeQuery("UPDATE audit_outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
                + "WHERE event_id = ?1").setParameter(1, eventId).setParameter(2, next)
                .setParameter(3, truncate(error)).executeUpdate();
    }

    public void markFailed(UUID eventId, String error) {
        em.createNativeQuery("UPDATE audit_outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ?2 "
                + "WHERE event_id = ?1").setParameter(1, eventId).setParameter(2, truncate(error)).executeUpdate();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
