package dev.sightline.disclosure.disclosures;

import dev.sightline.disclosure.disclosures.domain.Disclosure;
import dev.sightline.support.outbox.AuditEvent;
import dev.sightline.support.outbox.AuditEvent.Action;
import dev.sightline.support.outbox.AuditOutbox;
import dev.sightline.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Records a regulator's download as audit events (action EXPORT), one per partnership the disclosure covers
 * since every log entry names one, in the outbox of the transaction that serves it. A download that is served is
 * therefore never missing from the log.
 */
@ApplicationScoped
public class ExportTrail {
    static final String FEATURE = "transparency-disclosures";
    static final String PURPOSE = "regulatory-disclosure";

    private final AuditOutbox outbox;

    ExportTrail(AuditOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Disclosure disclosure, String format) {
        AuditEvent.Builder event = outbox.event(caller, Action.EXPORT).feature(FEATURE).purpose(PURPOSE)
                .occurredAt(Instant.now());
        for (UUID partnership : disclosure.partnershipIds) {
            outbox.enqueue(event.partnershipId(partnership).build());
        }
    }
}
