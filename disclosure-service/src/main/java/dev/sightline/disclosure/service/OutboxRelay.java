package dev.sightline.disclosure.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.client.AuditClient;
import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.disclosure.domain.AuditOutboxRepository;
import dev.sightline.disclosure.domain.AuditOutboxRepository.PendingEvent;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Delivers recorded downloads to the audit-service's batch API with this service's own token. A batch is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and stays locked until its outcome is written. 2xx: SENT. No answer, 401,
 * 403, 408, 429 or 5xx: retried with exponential backoff. Any other 4xx rejects the events themselves: they are
 * kept as FAILED (never dropped) and logged for an operator. Re-sending is safe: the audit-service is idempotent
 * by eventId.
 */
@ApplicationScoped
public class OutboxRelay {
    private final AuditOutboxRepository outbox;
    private final AuditClient client;
    private final DisclosureConfig config;
    private final ObjectMapper mapper;

    OutboxRelay(AuditOutboxRepository outbox, @RestClient AuditClient client, DisclosureConfig config,
            ObjectMapper mapper) {
        this.outbox = outbox;
        this.client = client;
        this.config = config;
        this.mapper = mapper;
    }

    @Scheduled(identity = "disclosure-outbox-relay", every = "${sightline.disclosure.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.outbox().enabled()) {
            return;
        }
        try {
            while (relayBatch() == config.outbox().batchSize()) {
                Log.debug("Full outbox batch delivered; taking the next one");
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "Audit outbox relay failed; retrying at the next poll");
        }
    }

    /** Claims one batch of due events and delivers it; returns how many were claimed. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<PendingEvent> batch = outbox.claimDue(Math.min(config.outbox().batchSize(), 1000));
            if (!batch.isEmpty()) {
                deliver(batch);
            }
            return batch.size();
        });
    }

    private void deliver(List<PendingEvent> batch) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (PendingEvent event : batch) {
            try {
                events.add(mapper.readTree(event.payload()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable outbox payload", e);
            }
        }
        int status = send(body);
        String error = status == 0 ? "no answer" : "HTTP " + status;
        if (status >= 200 && status < 300) {
            batch.forEach(event -> outbox.markSent(event.eventId()));
        } else if (status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
            batch.forEach(event -> outbox.markForRetry(event.eventId(), Instant.now().plus(backoff(event.attempts())),
                    error));
            Log.warnf("Audit-service did not take %d download events (%s); retrying with backoff", batch.size(), error);
        } else {
            batch.forEach(event -> outbox.markFailed(event.eventId(), error));
            Log.errorf("Audit-service rejected %d download events (%s); kept as FAILED for an operator",
                    batch.size(), error);
        }
    }

    /** The HTTP status of posting the batch, or 0 when there was no answer. */
    private int send(ObjectNode body) {
        try (Response response = client.appendBatch(body)) {
            return response.getStatus();
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        } catch (RuntimeException e) {
            Log.debugf(e, "Audit-service not reachable");
            return 0;
        }
    }

    Duration backoff(int attempts) {
        Duration delay = config.outbox().initialBackoff();
        for (int i = 0; i < attempts && delay.compareTo(config.outbox().maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.outbox().maxBackoff()) > 0 ? config.outbox().maxBackoff() : delay;
    }
}
