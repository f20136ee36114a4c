package dev.sightline.partnership.partnerships;

import dev.sightline.support.outbox.AuditEvent;
import dev.sightline.support.outbox.AuditEvent.Action;
import dev.sightline.support.outbox.AuditOutbox;
import dev.sightline.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Records every read and write of a partnership record as an audit event in the outbox, inside the
 * transaction of the access itself: no access without its event, no event without its access.
 */
@ApplicationScoped
public class AuditTrail {
    static final String FEATURE = "partnership-records";
    static final String PURPOSE = "governance";

    private final AuditOutbox outbox;

    AuditTrail(AuditOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Action action, UUID partnershipId) {
        record(caller, action, List.of(partnershipId));
    }

    /** One event per partnership, as the audit log needs a partnership id on each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Action action, Collection<UUID> partnershipIds) {
        AuditEvent.Builder event = outbox.event(caller, action).feature(FEATURE).purpose(PURPOSE);
        partnershipIds.forEach(id -> outbox.enqueue(event.partnershipId(id).build()));
    }
}
