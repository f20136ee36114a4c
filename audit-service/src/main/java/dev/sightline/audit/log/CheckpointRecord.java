package dev.sightline.audit.log;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A signed tree head as stored; written once by the integrator, never changed. */
@Entity
@Immutable
@Table(name = "checkpoint")
class CheckpointRecord extends PanacheEntityBase {
    @Id
    @Column(name = "tree_size")
    public long treeSize;

    @Column(name = "root_hash", nullable = false)
    public byte[] rootHash;

    @Column(nullable = false)
    public String note;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "signed_at", nullable = false)
    public Instant signedAt;
}
