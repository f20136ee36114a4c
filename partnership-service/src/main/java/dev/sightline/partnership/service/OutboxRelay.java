package dev.sightline.partnership.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.partnership.client.AuditClient;
import dev.sightline.partnership.config.OutboxConfig;
import dev.sightline.partnership.domain.AuditOutboxRepository;
import dev.sightline.partnership.domain.AuditOutboxRepository.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Delivers the audit outbox to the audit-service's batch API.
 * <p>
 * Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and stays locked until its outcome is written, so
 * replicas never send the same event concurrently; the lock is held across the HTTP call, whose time the REST
 * client's timeouts bound. Outcomes:
 * <ul>
 * <li>2xx: every event of the batch is SENT (the audit-service's {@code seq} kept when it names one);</li>
 * <li>no answer, 408, 429, 5xx, and 401/403 (our credentials, not the events): the batch stays PENDING and is
 * retried after an exponential backoff ({@code sightline.outbox.initial-backoff} doubling up to
 * {@code max-backoff});</li>
 * <li>any other 4xx rejects the batch as invalid: a batch of several is retried one event at a time to find the
 * culprit; a single event refused that way is marked FAILED and logged as an error. It is kept (never dropped)
 * for an operator to fix and replay ({@code UPDATE audit_outbox SET status = 'PENDING' WHERE status = 'FAILED'}),
 * and does not hold up the events behind it.</li>
 * </ul>
 * Re-sending after a lost answer is safe: the audit-service is idempotent by eventId.
 */
@ApplicationScoped
public class OutboxRelay {
    private final AuditOutboxRepository outbox;
    private final AuditClient client;
    private final OutboxConfig config;
    private final ObjectMapper mapper;
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;

    OutboxRelay(AuditOutboxRepository outbox, @RestClient AuditClient client, OutboxConfig config,
            ObjectMapper mapper, MeterRegistry registry) {
        this.outbox = outbox;
        this.client = client;
        this.config = config;
        this.mapper = mapper;
        this.sent = registry.counter("sightline.outbox.events", "outcome", "sent");
        this.failed = registry.counter("sightline.outbox.events", "outcome", "failed");
        this.retried = registry.counter("sightline.outbox.events", "outcome", "retry");
    }

    @Scheduled(identity = "audit-outbox-relay", every = "${sightline.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled()) {
            return;
        }
        try {
            for (int i = 0; i < config.maxBatchesPerPoll(); i++) {
                if (relayBatch() < config.batchSize()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "Audit outbox relay failed; retrying at the next poll");
        }
    }

    /** Claims one batch of due events and delivers it; returns how many events were claimed. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<PendingEvent> batch = outbox.claimDue(Math.min(config.batchSize(), 1000));
            if (!batch.isEmpty()) {
                deliver(batch, true);
            }
            return batch.size();
        });
    }

    private void deliver(List<PendingEvent> batch, boolean splitOnRejection) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (PendingEvent event : batch) {
            events.add(parse(event.payload()));
        }
        int status;
        Response response = null;
        String error;
        try {
            response = client.appendBatch(body);
            status = response.getStatus();
            error = "HTTP " + status;
        } catch (WebApplicationException e) {
            status = e.getResponse().getStatus();
            error = "HTTP " + status + ": " + bodyOf(e.getResponse());
        } catch (RuntimeException e) {
            status = 0;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (status >= 200 && status < 300) {
            Map<UUID, Long> seqs = sequences(response);
            batch.forEach(event -> outbox.markSent(event.eventId(), seqs.get(event.eventId())));
            sent.increment(batch.size());
            Log.debugf("Delivered %d audit events", batch.size());
        } else if (retryable(status)) {
            for (PendingEvent event : batch) {
                outbox.markForRetry(event.eventId(), Instant.now().plus(backoff(event.attempts())), error);
            }
            retried.increment(batch.size());
            Log.warnf("Audit-service did not take %d events (%s); retrying with backoff", batch.size(), error);
        } else if (splitOnRejection && batch.size() > 1) {
            Log.warnf("Audit-service rejected a batch of %d events (%s); sending them one by one", batch.size(),
                    error);
            batch.forEach(event -> deliver(List.of(event), false));
        } else {
            for (PendingEvent event : batch) {
                outbox.markFailed(event.eventId(), error);
                Log.errorf("Audit-service rejected audit event %s as invalid (%s); it stays in the outbox as FAILED: "
                        + "fix the cause and set it back to PENDING. Event: %s", event.eventId(), error,
                        event.payload());
            }
            failed.increment(batch.size());
        }
    }

    /** Failures that say nothing about the events themselves. */
    static boolean retryable(int status) {
        return status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500
                || (status >= 300 && status < 400);
    }

    Duration backoff(int attempts) {
        Duration delay = config.initialBackoff();
        for (int i = 0; i < attempts && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private Map<UUID, Long> sequences(Response response) {
        Map<UUID, Long> seqs = new HashMap<>();
        try {
            if (response != null && response.hasEntity()) {
                JsonNode entries = response.readEntity(JsonNode.class).path("entries");
                for (JsonNode entry : entries) {
                    if (entry.hasNonNull("eventId") && entry.path("seq").canConvertToLong()) {
                        seqs.put(UUID.fromString(entry.get("eventId").asText()), entry.get("seq").asLong());
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.debugf(e, "Audit-service answer without readable entries");
        }
        return seqs;
    }

    private JsonNode parse(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable outbox payload", e);
        }
    }

    private static String bodyOf(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return body.length() > 500 ? body.substring(0, 500) : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
