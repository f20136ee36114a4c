package dev.sightline.partnership.partnerships.storage;

import dev.sightline.partnership.partnerships.domain.RevisionKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/** One immutable state of a partnership, in force from {@link #validFrom} until the next revision. */
@Entity
@Immutable
@Table(name = "partnership_revision")
public class PartnershipRevision extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "partnership_id", nullable = false)
    public UUID partnershipId;

    @Column(nullable = false)
    public int revision;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(nullable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RevisionKind kind;

    @Column(nullable = false)
    public String summary;

    public String reason;

    @Column(name = "changed_fields", nullable = false)
    public String[] changedFields;

    /** The partnership as the API showed it right after this change. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String snapshot;
}
