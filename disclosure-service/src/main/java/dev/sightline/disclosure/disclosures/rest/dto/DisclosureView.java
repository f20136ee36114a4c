package dev.sightline.disclosure.disclosures.rest.dto;

import dev.sightline.disclosure.disclosures.domain.DisclosureStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A disclosure's metadata; the report itself is downloaded as JSON, CSV or PDF. */
@Schema(name = "Disclosure", example = """
        {"id": "41f30665-5112-4592-8ab7-9879e90c23c8", "jurisdiction": "EU", "periodStart": "2025-12-31T23:00:00Z",
         "periodEnd": "2026-06-30T22:00:00Z", "reportingTimeZone": "Europe/Brussels", "status": "PUBLISHED", "version": 1,
         "template": "EU 2026.1",
         "ruleSet": "2026.1", "partnershipIds": ["fd9d818b-7859-40ab-b568-8194d0f98348"], "checkpointSize": 4391,
         "digest": "7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4",
         "keyId": "HdzlwNzgfOoRl9Kn3wmvnWl0sp4jdKneNv7XoJO81EA", "authoredBy": "alice",
         "createdAt": "2026-11-29T10:33:49.928176Z", "publishedBy": "bob", "publishedAt": "2026-11-29T10:33:51.338174Z",
         "supersedes": null, "supersededBy": null, "withdrawnBy": null, "withdrawnAt": null, "withdrawalReason": null,
         "standing": "CURRENT", "current": true, "overlaps": []}""")
public record DisclosureView(
        UUID id,
        @Schema(example = "EU") String jurisdiction,
        Instant periodStart,
        Instant periodEnd,
        @Schema(description = "IANA time zone the jurisdiction counts reporting periods in, as its reports name "
                + "it: read the period there", example = "Europe/Brussels") String reportingTimeZone,
        DisclosureStatus status,
        @Schema(description = "1, or one more than the disclosure it supersedes") int version,
        @Schema(description = "Template id and version", example = "EU 2026.1") String template,
        @Schema(description = "Threshold rule-set version", example = "2026.1") String ruleSet,
        List<UUID> partnershipIds,
        @Schema(description = "Log entries the figures cover (the checkpoint's tree size)") long checkpointSize,
        @Schema(description = "Lowercase hex SHA-256 of the report's RFC 8785 canonical JSON") String digest,
        @Schema(description = "Key id (kid) of the signature; null until published", nullable = true) String keyId,
        String authoredBy,
        Instant createdAt,
        @Schema(description = "Null until published", nullable = true) String publishedBy,
        @Schema(description = "Null until published", nullable = true) Instant publishedAt,
        @Schema(description = "The disclosure this one corrects; null for a first disclosure", nullable = true)
        UUID supersedes,
        @Schema(description = "The disclosure that corrects this one; null unless SUPERSEDED", nullable = true)
        UUID supersededBy,
        @Schema(description = "Null unless WITHDRAWN", nullable = true) String withdrawnBy,
        @Schema(description = "Null unless WITHDRAWN", nullable = true) Instant withdrawnAt,
        @Schema(description = "Null unless WITHDRAWN", nullable = true) String withdrawalReason,
        @Schema(description = "Which one counts, now (not part of the signed report): CURRENT (published, and no "
                + "disclosure of the jurisdiction published later overlaps its period), OVERLAPPED (a later published "
                + "one covers part of its period and counts for it), SUPERSEDED, WITHDRAWN or DRAFT",
                enumeration = { "CURRENT", "OVERLAPPED", "SUPERSEDED", "WITHDRAWN", "DRAFT" }) String standing,
        @Schema(description = "Whether this is the disclosure that counts for its jurisdiction and period now")
        boolean current,
        @Schema(description = "The other PUBLISHED disclosures of the jurisdiction whose period overlaps this one's")
        List<UUID> overlaps) {
}
