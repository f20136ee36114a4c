package dev.sightline.partnership.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.partnership.config.OutboxConfig;
import dev.sightline.partnership.domain.AuditOutboxRepository;
import dev.sightline.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.UUID;

/**
 * Records every read and write of a partnership record as an audit event in the outbox, inside the
 * transaction of the access itself: no access without its event, no event without its access.
 * {@link OutboxRelay} delivers them.
 */
@ApplicationScoped
public class AuditTrail {
    public enum Action { READ, WRITE }

    static final String FEATURE = "partnership-records";
    static final String PURPOSE = "governance";

    private final AuditOutboxRepository outbox;
    private final ObjectMapper mapper;
    private final OutboxConfig config;

    AuditTrail(AuditOutboxRepository outbox, ObjectMapper mapper, OutboxConfig config) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Action action, UUID partnershipId) {
        UUID eventId = UUID.randomUUID();
        outbox.append(eventId, partnershipId, event(eventId, caller, action, partnershipId));
    }

    /** One event per partnership, as the audit log needs a partnership id on each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Action action, Collection<UUID> partnershipIds) {
        partnershipIds.forEach(id -> record(caller, action, id));
    }

    /** The event exactly as the audit-service's batch API takes it; it rejects any other property. */
    private String event(UUID eventId, Caller caller, Action action, UUID partnershipId) {
        ObjectNode event = mapper.createObjectNode();
        event.put("eventId", eventId.toString());
        event.put("occurredAt", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        event.put("partnershipId", partnershipId.toString());
        event.putObject("actor").put("type", caller.actorType()).put("id", caller.id());
        event.put("action", action.name());
        event.put("feature", FEATURE);
        event.putArray("dataCategories");
        event.put("recordCount", 1);
        event.putObject("processing").put("mode", "COMPANY_CLOUD").put("country", config.processingCountry());
        event.put("purpose", PURPOSE);
        event.put("outcome", "ALLOWED");
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
