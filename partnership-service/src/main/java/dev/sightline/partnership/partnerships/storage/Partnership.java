package dev.sightline.partnership.partnerships.storage;

import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The current state of a partnership. The whole record lives in {@link #document} (the JSON the API shows);
 * the other columns are copies that lists filter and sort on. Every change also writes a
 * {@link PartnershipRevision}; {@link #revision} is the number of the latest one and serves as the ETag.
 */
@Entity
@Table(name = "partnership")
public class Partnership extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String reference;

    @Column(nullable = false)
    public String title;

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnershipStatus status;

    @Column(nullable = false)
    public String[] markets;

    @Column(name = "risk_classes", nullable = false)
    public String[] riskClasses;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    @Column(nullable = false)
    public int revision;

    /** Who last moved it to UNDER_REVIEW: the approver must be someone else. */
    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String document;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
