package dev.sightline.audit.log;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A log entry as read back; entries are written only by {@code LogAppender}'s COPY. */
@Entity
@Immutable
@Table(name = "log_entry")
class LogEntryRecord extends PanacheEntityBase {
    @Id
    public long seq;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "partnership_id")
    public UUID partnershipId;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "actor_id")
    public String actorId;

    public String action;

    public String entry;

    @Column(name = "leaf_hash")
    public byte[] leafHash;
}
