package dev.sightline.disclosure.disclosures.rest;

import dev.sightline.disclosure.disclosures.DisclosureService;
import dev.sightline.disclosure.disclosures.Download;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosurePage;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosureRequest;
import dev.sightline.disclosure.disclosures.rest.dto.DisclosureView;
import dev.sightline.disclosure.disclosures.rest.dto.PublishRequest;
import dev.sightline.disclosure.disclosures.rest.dto.WithdrawRequest;
import dev.sightline.disclosure.reports.ReportFormat;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Caller;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/disclosures")
@Tag(name = "disclosures", description = "Transparency disclosures: generation, four-eyes publication, downloads")
@Authenticated
public class DisclosureResource {
    static final String READERS = "Roles: disclosure-author, disclosure-publisher, auditor, regulator (a regulator "
            + "sees only PUBLISHED disclosures of the jurisdictions in its token; anything else is 404).";

    private final DisclosureService service;
    private final SecurityIdentity identity;

    DisclosureResource(DisclosureService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISCLOSURE_AUTHOR)
    @Operation(summary = "Generate a DRAFT disclosure from one snapshot of the partnerships and the log",
            description = "Role: disclosure-author. The period is given as instants or as dates in the "
                    + "jurisdiction's reporting time zone, which the report names. Reads the partnership revisions in "
                    + "force at the period's end and the audit-service's figures at one signed checkpoint, with the "
                    + "consistency proof from the previous published disclosure of the jurisdiction. If a source cannot "
                    + "answer, 503 and nothing is stored.")
    @APIResponse(responseCode = "201", description = "The draft; Location names it",
            content = @Content(schema = @Schema(implementation = DisclosureView.class)))
    @APIResponse(responseCode = "400", description = "Invalid jurisdiction, period (missing, both as instants and as "
            + "dates, an unparsable date or one outside years 0001 to 9999, an end not after its start), partnership "
            + "(unknown, or offered in none of the jurisdiction's markets) or supersedes")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a disclosure-author")
    @APIResponse(responseCode = "503", description = "The partnership-service or the audit-service could not answer",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response create(@Valid @NotNull DisclosureRequest request, @Context UriInfo uri) {
        DisclosureView created = service.create(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "List disclosures (metadata), oldest first", description = READERS)
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = DisclosurePage.class)))
    @APIResponse(responseCode = "400", description = "Unknown filter value, bad cursor or limit")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public DisclosurePage list(
            @Parameter(description = "EU, CN, US or US-CA") @QueryParam("jurisdiction") String jurisdiction,
            @Parameter(description = "DRAFT, PUBLISHED, SUPERSEDED or WITHDRAWN") @QueryParam("status") String status,
            @Parameter(description = "Periods ending after this instant (0001-01-01T00:00:00Z to "
                    + "9999-12-31T23:59:59.999999Z)", schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "Periods starting before this instant (0001-01-01T00:00:00Z to "
                    + "9999-12-31T23:59:59.999999Z)", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Cursor: the 'next' of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "100", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return service.list(QueryParams.text("jurisdiction", jurisdiction), QueryParams.text("status", status),
                QueryParams.instant("from", from), QueryParams.instant("to", to), QueryParams.text("after", after),
                QueryParams.integer("limit", limit, 1), Caller.of(identity));
    }

    @GET
    @Path("/{id}")
    @Produces({ MediaType.APPLICATION_JSON, ReportFormat.CSV_MEDIA_TYPE, ReportFormat.PDF_MEDIA_TYPE })
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Download the report in the format the Accept header asks for (JSON, CSV or PDF)",
            description = READERS + " JSON is the canonical report the digest and signature cover. A regulator's "
                    + "download is recorded in the audit log (action EXPORT).")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "/api/v1/schemas/disclosure.json")),
        @Content(mediaType = ReportFormat.CSV_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = ReportFormat.PDF_MEDIA_TYPE,
                schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, or not one this caller may see")
    public Response download(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return serve(id, negotiate(accept), false);
    }

    @GET
    @Path("/{id}/report.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Download the report as JSON (its RFC 8785 canonical bytes), as a file", description = READERS)
    @APIResponse(responseCode = "200", description = "The canonical report; validates against "
            + "/api/v1/schemas/disclosure.json", content = @Content(schema = @Schema(ref = "/api/v1/schemas/disclosure.json")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, or not one this caller may see")
    public Response reportJson(@PathParam("id") UUID id) {
        return serve(id, ReportFormat.JSON, true);
    }

    @GET
    @Path("/{id}/report.csv")
    @Produces(ReportFormat.CSV_MEDIA_TYPE)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Download the report as RFC 4180 CSV (UTF-8 with a byte-order mark), one row per figure, as "
            + "a file", description = READERS)
    @APIResponse(responseCode = "200", description = "disclosureId,partnership,section,metric,dimension,"
            + "dimensionValue,value,unit,label rows",
            content = @Content(schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, or not one this caller may see")
    public Response reportCsv(@PathParam("id") UUID id) {
        return serve(id, ReportFormat.CSV, true);
    }

    @GET
    @Path("/{id}/report.pdf")
    @Produces(ReportFormat.PDF_MEDIA_TYPE)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Download the report as PDF, as a file", description = READERS)
    @APIResponse(responseCode = "200", description = "The readable report", content = @Content(schema = @Schema(
            type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, or not one this caller may see")
    public Response reportPdf(@PathParam("id") UUID id) {
        return serve(id, ReportFormat.PDF, true);
    }

    @GET
    @Path("/{id}/report.json.jws")
    @Produces(ReportFormat.JWS_MEDIA_TYPE)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "The detached JWS (EdDSA) over report.json's canonical bytes",
            description = READERS + " RFC 7515 appendix F: <header>..<signature>; the kid names a key of "
                    + "GET /api/v1/keys. A DRAFT is not signed (404).")
    @APIResponse(responseCode = "200", description = "Compact JWS with detached payload", content = @Content(
            schema = @Schema(type = SchemaType.STRING,
                    example = "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9..c2lnbmF0dXJl")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, not one this caller may see, or a draft")
    public Response signature(@PathParam("id") UUID id) {
        return serve(id, ReportFormat.JWS, true);
    }

    @GET
    @Path("/{id}/manifest.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "The manifest of a published disclosure: the SHA-256 of every file as served",
            description = READERS + " RFC 8785 canonical JSON naming report.json, report.json.jws, report.csv and "
                    + "report.pdf with media type, size and lowercase hex SHA-256 of the bytes served; signed by "
                    + "manifest.json.jws. A DRAFT has none (404).")
    @APIResponse(responseCode = "200", description = "The manifest", content = @Content(schema = @Schema(
            implementation = Manifest.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, not one this caller may see, or a draft")
    public Response manifest(@PathParam("id") UUID id) {
        return serve(id, ReportFormat.MANIFEST, true);
    }

    @GET
    @Path("/{id}/manifest.json.jws")
    @Produces(ReportFormat.JWS_MEDIA_TYPE)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "The detached JWS (EdDSA) over manifest.json's canonical bytes",
            description = READERS + " Made with the disclosure signing key, exactly like report.json.jws. A DRAFT "
                    + "has none (404).")
    @APIResponse(responseCode = "200", description = "Compact JWS with detached payload", content = @Content(
            schema = @Schema(type = SchemaType.STRING,
                    example = "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9..c2lnbmF0dXJl")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, not one this caller may see, or a draft")
    public Response manifestSignature(@PathParam("id") UUID id) {
        return serve(id, ReportFormat.MANIFEST_JWS, true);
    }

    /** The manifest's shape, for the contract. */
    @Schema(name = "DisclosureManifest", example = """
            {"digest": "7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4",
             "disclosureId": "41f30665-5112-4592-8ab7-9879e90c23c8",
             "files": [{"mediaType": "application/json", "name": "report.json", "sha256": "7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4", "size": 48211},
              {"mediaType": "application/jose", "name": "report.json.jws", "sha256": "5d1c0f3e9a7b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d", "size": 197},
              {"mediaType": "text/csv; charset=UTF-8; header=present", "name": "report.csv", "sha256": "0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d5d1c0f3e9a7b2c4d6e8f0a1b3c5d7e9f", "size": 30520},
              {"mediaType": "application/pdf", "name": "report.pdf", "sha256": "e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d5d1c0f3e9a7b2c4d6e8f0a1b3c5d7", "size": 402117}]}""")
    public record Manifest(@Schema(description = "The disclosure") UUID disclosureId,
            @Schema(description = "The report's digest: lowercase hex SHA-256 of report.json") String digest,
            List<ManifestFile> files) {
    }

    @Schema(name = "DisclosureManifestFile")
    public record ManifestFile(
            @Schema(enumeration = { "report.json", "report.json.jws", "report.csv", "report.pdf" }) String name,
            @Schema(description = "The media type it is served with") String mediaType,
            @Schema(description = "Bytes") long size,
            @Schema(description = "Lowercase hex SHA-256 of the bytes as served") String sha256) {
    }

    @GET
    @Path("/{id}/metadata")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISCLOSURE_AUTHOR, Roles.DISCLOSURE_PUBLISHER, Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "A disclosure's metadata: status, digest, key id, authors, the supersede chain",
            description = READERS)
    @APIResponse(responseCode = "200", description = "The metadata",
            content = @Content(schema = @Schema(implementation = DisclosureView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such disclosure, or not one this caller may see")
    public DisclosureView metadata(@PathParam("id") UUID id) {
        return service.view(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/regenerate")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISCLOSURE_AUTHOR)
    @Operation(summary = "Generate a DRAFT again from a fresh snapshot",
            description = "Role: disclosure-author, who becomes the draft's author.")
    @APIResponse(responseCode = "200", description = "The regenerated draft",
            content = @Content(schema = @Schema(implementation = DisclosureView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a disclosure-author")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    @APIResponse(responseCode = "409", description = "Not a DRAFT")
    @APIResponse(responseCode = "503", description = "A source could not answer; the draft is unchanged",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public DisclosureView regenerate(@PathParam("id") UUID id) {
        return service.regenerate(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISCLOSURE_PUBLISHER)
    @Operation(summary = "Publish a DRAFT with the publisher's attestation: digest, sign (detached JWS, EdDSA) and "
            + "freeze it", description = "Role: disclosure-publisher, and not the draft's author (four-eyes). The "
                    + "attestation (name, title, statement) is recorded in the report before it is signed. The CSV, "
                    + "the PDF (PDF/A-3 carrying report.json and report.json.jws) and the signed manifest are rendered "
                    + "now and served byte for byte ever after. A disclosure it supersedes becomes SUPERSEDED.")
    @APIResponse(responseCode = "200", description = "Published",
            content = @Content(schema = @Schema(implementation = DisclosureView.class)))
    @APIResponse(responseCode = "400", description = "No attestation, or a field of it missing, too long or holding "
            + "a character the report font cannot print")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a disclosure-publisher, or the draft's own author")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    @APIResponse(responseCode = "409", description = "Not a DRAFT, or another disclosure of the jurisdiction was "
            + "published since it was generated (regenerate it)")
    public DisclosureView publish(@PathParam("id") UUID id, @Valid @NotNull PublishRequest request) {
        return service.publish(id, request, Caller.of(identity));
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISCLOSURE_PUBLISHER)
    @Operation(summary = "Withdraw a PUBLISHED disclosure, with a reason", description = "Role: disclosure-publisher. "
            + "Its content stays as published; regulators no longer see it.")
    @APIResponse(responseCode = "200", description = "Withdrawn",
            content = @Content(schema = @Schema(implementation = DisclosureView.class)))
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a disclosure-publisher")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    @APIResponse(responseCode = "409", description = "Not PUBLISHED")
    public DisclosureView withdraw(@PathParam("id") UUID id, @Valid @NotNull WithdrawRequest request) {
        return service.withdraw(id, request.reason(), Caller.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.DISCLOSURE_AUTHOR)
    @Operation(summary = "Discard a DRAFT", description = "Role: disclosure-author. Published disclosures stay.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a disclosure-author")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    @APIResponse(responseCode = "409", description = "Not a DRAFT")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    /** Accept asks for CSV or PDF by naming it anywhere; anything else gets the JSON. */
    private static ReportFormat negotiate(String accept) {
        if (accept != null && accept.contains("text/csv")) {
            return ReportFormat.CSV;
        }
        return accept != null && accept.contains(ReportFormat.PDF_MEDIA_TYPE) ? ReportFormat.PDF : ReportFormat.JSON;
    }

    /** The report carries its digest (also as the ETag); a file download names the file. */
    private Response serve(UUID id, ReportFormat format, boolean attachment) {
        Download download = service.download(id, format, Caller.of(identity));
        Response.ResponseBuilder response = Response.ok(download.body(), download.mediaType());
        if (download.digest() != null) {
            response.header("Digest-SHA256", download.digest()).tag(download.digest());
        }
        if (attachment) {
            response.header("Content-Disposition", "attachment; filename=\"" + download.filename() + "\"");
        }
        return response.build();
    }
}
