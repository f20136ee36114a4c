package dev.sightline.support.outbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.support.health.DatabaseHealth;
import dev.sightline.support.outbox.AuditOutboxRepository.PendingEvent;
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
 * <li>2xx: every event of the batch is SENT, with the audit-service's {@code seq} for it when its answer names
 * one;</li>
 * <li>no answer, 3xx, 408, 429, 5xx, and 401/403 (our credentials, not the events): the batch stays PENDING and
 * is retried after an exponential backoff ({@code sightline.outbox.initial-backoff} doubling up to
 * {@code max-backoff});</li>
 * <li>any other 4xx rejects the batch as invalid (the audit-service refuses a whole batch for one bad event): a
 * batch of several is retried one event at a time to find the culprit; a single event refused that way is marked
 * FAILED with the answer in {@code last_error}. It is kept (never dropped) for an operator to fix and replay
 * ({@code UPDATE audit_outbox SET status = 'PENDING' WHERE status = 'FAILED'}), and does not hold up the events
 * behind it.</li>
 * </ul>
 * Re-sending after a lost answer is safe: the audit-service is idempotent by eventId. Each outcome is counted in
 * {@code sightline.outbox.events{outcome=sent|retry|failed}} and logged once. The relay does not poll while
 * {@link DatabaseHealth} says the database is down; a poll that fails all the same is logged once when the failures
 * start and once when they end.
 */
@ApplicationScoped
public class OutboxRelay {
    /** The most events the audit-service takes in one batch. */
    static final int MAX_BATCH = 1000;
    /** The most of an error answer kept in {@code last_error}. */
    private static final int MAX_ERROR_BODY = 500;

    private final AuditOutboxRepository outbox;
    private final AuditEventsClient client;
    private final OutboxConfig config;
    private final ObjectMapper mapper;
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final DatabaseHealth database;
    private volatile long failedPolls;

    OutboxRelay(AuditOutboxRepository outbox, @RestClient AuditEventsClient client, OutboxConfig config,
            ObjectMapper mapper, MeterRegistry registry, DatabaseHealth database) {
        this.outbox = outbox;
        this.database = database;
        this.client = client;
        this.config = config;
        this.mapper = mapper;
        this.sent = registry.counter("sightline.outbox.events", "outcome", "sent");
        this.failed = registry.counter("sightline.outbox.events", "outcome", "failed");
        this.retried = registry.counter("sightline.outbox.events", "outcome", "retry");
    }

    @Scheduled(identity = "audit-outbox-relay", every = "${sightline.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        // while the database is down or not migrated there is nothing to claim; DatabaseHealth says so in the log
        if (!config.enabled() || !database.up()) {
            return;
        }
        try {
            for (int i = 0; i < config.maxBatchesPerPoll(); i++) {
                if (relayBatch() < batchSize()) {
                    break;
                }
            }
            if (failedPolls > 0) {
                Log.infof("Audit outbox relay works again after %d failed polls", failedPolls);
                failedPolls = 0;
            }
        } catch (RuntimeException e) {
            // one line when the failures start, none for the polls after it, one when they end
            if (failedPolls++ == 0) {
                if (DatabaseHealth.unreachable(e)) {
                    Log.warnf("Audit outbox relay fails (%s); retrying quietly at every poll until it works",
                            DatabaseHealth.reason(e));
                } else {
                    Log.warnf(e, "Audit outbox relay fails; retrying quietly at every poll until it works");
                }
            }
        }
    }

    /** Claims one batch of due events and delivers it; returns how many events were claimed. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<PendingEvent> batch = outbox.claimDue(batchSize());
            if (!batch.isEmpty()) {
                deliver(batch, true);
            }
            return batch.size();
        });
    }

    private int batchSize() {
        return Math.min(config.batchSize(), MAX_BATCH);
    }

    private void deliver(List<PendingEvent> batch, boolean splitOnRejection) {
        Answer answer = post(batch);
        if (answer.status() / 100 == 2) {
            batch.forEach(event -> outbox.markSent(event.eventId(), answer.seqs().get(event.eventId())));
            sent.increment(batch.size());
            Log.debugf("Audit-service took %d audit events", batch.size());
        } else if (retryable(answer.status())) {
            Instant now = Instant.now();
            for (PendingEvent event : batch) {
                outbox.markForRetry(event.eventId(), now.plus(backoff(event.attempts())), answer.error());
            }
            retried.increment(batch.size());
            Log.warnf("Audit-service did not take %d audit events (%s); retrying with backoff", batch.size(),
                    answer.error());
        } else if (splitOnRejection && batch.size() > 1) {
            Log.warnf("Audit-service rejected a batch of %d audit events (%s); sending them one by one",
                    batch.size(), answer.error());
            batch.forEach(event -> deliver(List.of(event), false));
        } else {
            for (PendingEvent event : batch) {
                outbox.markFailed(event.eventId(), answer.error());
                Log.errorf("Audit-service rejected audit event %s as invalid (%s); it stays in the outbox as FAILED: "
                        + "fix the cause and set it back to PENDING. Event: %s", event.eventId(), answer.error(),
                        event.payload());
            }
            failed.increment(batch.size());
        }
    }

    /** What the audit-service answered: its status (0 for no answer), the seq of each event it took, or why not. */
    private record Answer(int status, Map<UUID, Long> seqs, String error) {
    }

    private Answer post(List<PendingEvent> batch) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (PendingEvent event : batch) {
            try {
                events.add(mapper.readTree(event.payload()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable outbox payload of event " + event.eventId(), e);
            }
        }
        try (Response response = client.appendBatch(body)) {
            int status = response.getStatus();
            return status / 100 == 2 ? new Answer(status, sequences(response), null) : rejection(response);
        } catch (WebApplicationException e) {
            try (Response response = e.getResponse()) {
                return rejection(response);
            }
        } catch (RuntimeException e) {
            return new Answer(0, Map.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Answer rejection(Response response) {
        String body = bodyOf(response);
        return new Answer(response.getStatus(), Map.of(),
                "HTTP " + response.getStatus() + (body.isBlank() ? "" : ": " + body));
    }

    /** Failures that say nothing about the events themselves. */
    static boolean retryable(int status) {
        return status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500
                || (status >= 300 && status < 400);
    }

    Duration backoff(int attempts) {
        return backoff(attempts, config.initialBackoff(), config.maxBackoff());
    }

    /** {@code initial} doubled once per earlier attempt, at most {@code max}. */
    static Duration backoff(int attempts, Duration initial, Duration max) {
        Duration delay = initial;
        for (int i = 0; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** The audit-service's answer to a batch, as far as the relay needs it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchAnswer(List<Entry> entries) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Entry(UUID eventId, Long seq) {
        }
    }

    private static Map<UUID, Long> sequences(Response response) {
        Map<UUID, Long> seqs = new HashMap<>();
        try {
            BatchAnswer answer = response.hasEntity() ? response.readEntity(BatchAnswer.class) : null;
            if (answer != null && answer.entries() != null) {
                for (BatchAnswer.Entry entry : answer.entries()) {
                    if (entry.eventId() != null && entry.seq() != null) {
                        seqs.put(entry.eventId(), entry.seq());
                    }
                }
            }
        } catch (RuntimeException e) {
            // The events are stored all the same; only their positions in the log go unrecorded.
            Log.warnf("Audit-service answer without readable entries (%s); audit_seq left empty", e.toString());
        }
        return seqs;
    }

    private static String bodyOf(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return body.length() > MAX_ERROR_BODY ? body.substring(0, MAX_ERROR_BODY) : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
