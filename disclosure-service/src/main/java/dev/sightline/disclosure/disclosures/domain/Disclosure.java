package dev.sightline.disclosure.disclosures.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A disclosure and its report, stored as the canonical JSON bytes that are digested and signed. Once published
 * the row is frozen by the {@code disclosure_immutable} trigger, apart from its move to SUPERSEDED or WITHDRAWN.
 */
@Entity
@Table(name = "disclosure")
public class Disclosure extends PanacheEntityBase {
    @Id
    public UUID id;

    public String jurisdiction;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    @Enumerated(EnumType.STRING)
    public DisclosureStatus status;

    public int version;

    public String template;

    @Column(name = "template_version")
    public String templateVersion;

    @Column(name = "rule_set")
    public String ruleSet;

    @Column(name = "partnership_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] partnershipIds;

    @Column(name = "checkpoint_size")
    public long checkpointSize;

    @Column(name = "previous_id")
    public UUID previousId;

    /** RFC 8785 canonical JSON of the report. */
    public byte[] report;

    /** Lowercase hex SHA-256 of {@link #report}. */
    public String digest;

    /** Compact detached JWS over {@link #report}; set on publishing. */
    public String signature;

    @Column(name = "key_id")
    public String keyId;

    @Column(name = "authored_by")
    public String authoredBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    public UUID supersedes;

    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawal_reason")
    public String withdrawalReason;

    /** The CSV as rendered at publishing, served as it is; null for a draft (and for one published before V2). */
    public byte[] csv;

    /** The PDF as rendered at publishing, with report.json and its JWS inside; null for a draft. */
    public byte[] pdf;

    /** RFC 8785 canonical JSON of the manifest: the SHA-256 of every file served; null for a draft. */
    public byte[] manifest;

    /** Compact detached JWS over {@link #manifest}. */
    @Column(name = "manifest_signature")
    public String manifestSignature;
}
