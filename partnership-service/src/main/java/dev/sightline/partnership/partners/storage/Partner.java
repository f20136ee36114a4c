package dev.sightline.partnership.partners.storage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A partner organisation, as registered by a partnership manager. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    @Column(name = "country_of_incorporation", nullable = false, length = 2)
    public String countryOfIncorporation;

    @Column(name = "headquarters_country", nullable = false, length = 2)
    public String headquartersCountry;

    @Column(name = "parent_group")
    public String parentGroup;

    @Column(name = "ownership_notes")
    public String ownershipNotes;

    @Column(length = 20)
    public String lei;

    @Column(name = "national_security_access", nullable = false)
    public boolean nationalSecurityAccess;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
