package dev.sightline.disclosure.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.disclosure.config.DisclosureConfig;
import dev.sightline.disclosure.disclosures.domain.Disclosure;
import dev.sightline.disclosure.domain.AuditOutboxRepository;
import dev.sightline.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Records a regulator's download as audit events (action EXPORT), one per partnership the disclosure covers
 * since every log entry names one, in the outbox of the transaction that serves it; {@link OutboxRelay} delivers
 * them. A download that is served is therefore never missing from the log.
 */
@ApplicationScoped
public class ExportTrail {
    static final String FEATURE = "transparency-disclosures";
    static final String PURPOSE = "regulatory-disclosure";

    private final AuditOutboxRepository outbox;
    private final ObjectMapper mapper;
    private final DisclosureConfig config;

    ExportTrail(AuditOutboxRepository outbox, ObjectMapper mapper, DisclosureConfig config) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Disclosure disclosure, String format) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (UUID partnership : disclosure.partnershipIds) {
            UUID eventId = UUID.randomUUID();
            ObjectNode event = mapper.createObjectNode();
            event.put("eventId", eventId.toString());
            event.put("occurredAt", now.toString());
            event.put("partnershipId", partnership.toString());
            event.putObject("actor").put("type", caller.service() ? "SERVICE" : "USER").put("id", caller.id());
            event.put("action", "EXPORT");
            event.put("feature", FEATURE);
            event.putArray("dataCategories");
            event.put("recordCount", 1);
            event.putObject("processing").put("mode", "COMPANY_CLOUD").put("country",
                    config.outbox().processingCountry());
            event.put("purpose", PURPOSE);
            event.put("outcome", "ALLOWED");
            try {
                outbox.append(eventId, mapper.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
