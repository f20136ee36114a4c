package dev.sightline.disclosure.disclosures.rest.dto;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What anyone may know of a disclosure that is or was published: its metadata, never its content. */
@Schema(name = "PublicDisclosure", example = """
        {"id": "41f30665-5112-4592-8ab7-9879e90c23c8", "jurisdiction": "EU", "periodStart": "2025-12-31T23:00:00Z",
         "periodEnd": "2026-06-30T22:00:00Z", "reportingTimeZone": "Europe/Brussels", "version": 1, "standing": "CURRENT",
         "publishedAt": "2026-11-29T10:33:51.338174Z",
         "digest": "7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4",
         "keyId": "HdzlwNzgfOoRl9Kn3wmvnWl0sp4jdKneNv7XoJO81EA", "checkpointSize": 4391}""")
public record PublicDisclosureView(
        UUID id,
        @Schema(example = "EU") String jurisdiction,
        Instant periodStart,
        Instant periodEnd,
        @Schema(description = "IANA time zone the jurisdiction counts reporting periods in, as its reports name "
                + "it: read the period there", example = "Europe/Brussels") String reportingTimeZone,
        @Schema(description = "1, or one more than the disclosure it supersedes") int version,
        @Schema(description = "Which one counts, now: CURRENT (no disclosure of the jurisdiction published later "
                + "overlaps its period), OVERLAPPED (a later published one covers part of its period and counts for "
                + "it), SUPERSEDED (corrected by a later version) or WITHDRAWN",
                enumeration = { "CURRENT", "OVERLAPPED", "SUPERSEDED", "WITHDRAWN" }) String standing,
        Instant publishedAt,
        @Schema(description = "Lowercase hex SHA-256 of the report's RFC 8785 canonical JSON, as signed") String digest,
        @Schema(description = "The signing key's RFC 7638 thumbprint: the kid of the report's JWS and of "
                + "GET /api/v1/keys") String keyId,
        @Schema(description = "Log entries the figures cover (the size of the checkpoint the report cites)")
        long checkpointSize) {
}
