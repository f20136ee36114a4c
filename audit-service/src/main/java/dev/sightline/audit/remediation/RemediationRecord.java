package dev.sightline.audit.remediation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One revision of a remediation record; inserted once, never changed (the table refuses updates). */
@Entity
@Table(name = "remediation")
class RemediationRecord extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "partnership_id")
    public UUID partnershipId;

    public String kind;

    public int revision;

    @Enumerated(EnumType.STRING)
    public RemediationStatus status;

    public String text;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "log_seq")
    public long logSeq;
}
