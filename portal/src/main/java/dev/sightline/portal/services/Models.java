package dev.sightline.portal.services;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the portal reads of the services' answers; every other member is ignored. */
public final class Models {
    private Models() {
    }

    /** A disclosure's metadata (disclosure-service {@code Disclosure}). */
    public record Disclosure(UUID id, String jurisdiction, Instant periodStart, Instant periodEnd,
            String reportingTimeZone, String status,
            int version, String template, long checkpointSize, String digest, String keyId, String authoredBy,
            Instant createdAt, String publishedBy, Instant publishedAt, UUID supersedes, UUID supersededBy,
            String withdrawnBy, Instant withdrawnAt, String withdrawalReason, String standing, boolean current) {
    }

    public record DisclosurePage(List<Disclosure> items, String next) {
    }

    /** What anyone may know of a published disclosure (disclosure-service {@code PublicDisclosure}). */
    public record PublicDisclosure(UUID id, String jurisdiction, Instant periodStart, Instant periodEnd,
            String reportingTimeZone, int version, String standing, Instant publishedAt, String digest, String keyId,
            long checkpointSize) {
    }

    public record PublicDisclosurePage(List<PublicDisclosure> items, String next) {
    }

    /** A draft to generate: a jurisdiction and a period as dates in its reporting time zone. */
    @JsonInclude(Include.NON_NULL)
    public record DisclosureRequest(String jurisdiction, LocalDate periodStartDate, LocalDate periodEndDate,
            Boolean provisional) {
    }

    public record PublishRequest(Attestation attestation) {
    }

    public record Attestation(String name, String title, String statement) {
    }

    /** The newest signed checkpoint of the audit log, with its witnesses' cosignatures. */
    public record Checkpoint(long size, String root, String note, String keyId, Instant time,
            List<Cosignature> cosignatures) {
        public Checkpoint {
            cosignatures = cosignatures == null ? List.of() : cosignatures;
        }
    }

    public record Cosignature(String witness, String keyName, String keyId, String signature, Instant time) {
    }

    /** A JWK set; the audit-service's keys also carry their note verifier form and status. */
    public record KeySet(List<Key> keys) {
        public KeySet {
            keys = keys == null ? List.of() : keys;
        }
    }

    public record Key(String kty, String crv, String x, String kid, String alg, String use, String status,
            String noteKey) {
    }

    public record Partnership(UUID id, String reference, String title, String partnerName, String status,
            List<String> markets, LocalDate effectiveFrom, LocalDate effectiveTo, int revision) {
    }

    public record PartnershipPage(List<Partnership> items, String next) {
    }

    public record ActivationCheck(UUID partnershipId, int revision, String status, boolean ready,
            List<ServiceProblem.FieldError> missing) {
        public ActivationCheck {
            missing = missing == null ? List.of() : missing;
        }
    }

    public record Verdict(long seq, UUID partnershipId, Instant occurredAt, String status,
            List<ViolationItem> violations) {
        public Verdict {
            violations = violations == null ? List.of() : violations;
        }
    }

    public record ViolationItem(String kind, String detail) {
    }

    public record ViolationPage(List<Verdict> items, Long next) {
    }
}
