package dev.sightline.support.outbox;

import dev.sightline.support.outbox.AuditEvent.Action;
import dev.sightline.support.outbox.AuditEvent.ProcessingMode;
import dev.sightline.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Where a service records its audit events: in its own {@code audit_outbox}, inside the transaction of the
 * access itself, so there is no access without its event and no event without its access. {@link OutboxRelay}
 * delivers them.
 */
@ApplicationScoped
public class AuditOutbox {
    private final AuditOutboxRepository repository;
    private final OutboxConfig config;

    AuditOutbox(AuditOutboxRepository repository, OutboxConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /**
     * An event of this service's own processing: the caller's {@code action}, in the company cloud of this
     * service's country ({@code sightline.outbox.processing-country}); the rest is the caller's to add.
     */
    public AuditEvent.Builder event(Caller caller, Action action) {
        return AuditEvent.builder().actor(caller).action(action)
                .processing(ProcessingMode.COMPANY_CLOUD, config.processingCountry());
    }

    /** Queues the event for delivery; only inside the transaction of the access it records. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(AuditEvent event) {
        repository.append(event);
    }
}
