package dev.sightline.partnership.partnerships.rest;

import dev.sightline.partnership.partnerships.PartnershipService;
import dev.sightline.partnership.partnerships.rest.dto.ActivationCheck;
import dev.sightline.partnership.partnerships.rest.dto.ChangeDecision;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipPage;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipRequest;
import dev.sightline.partnership.partnerships.rest.dto.PartnershipView;
import dev.sightline.partnership.partnerships.rest.dto.PolicyView;
import dev.sightline.partnership.partnerships.rest.dto.RevisionPage;
import dev.sightline.partnership.partnerships.rest.dto.RevisionView;
import dev.sightline.partnership.partnerships.rest.dto.TransitionRequest;
import dev.sightline.support.problem.Problem;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Caller;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/partnerships")
@Tag(name = "partnerships", description = "Partnership records, their lifecycle and their revision history")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnershipResource {
    static final String READERS = "Roles: partnership-manager, partnership-viewer, auditor.";
    static final String REFUSED_EXAMPLE = """
            {"type": "https://sightline.example/problems/transition-refused", "title": "Transition refused",
             "status": 409, "detail": "The partnership cannot become ACTIVE yet: 2 item(s) missing",
             "errors": [{"field": "transfers", "message": "no transfer mechanism for the flow EU → CN (needs one of [EU_SCC, ADEQUACY, BCR])"},
                        {"field": "assessments", "message": "an approved DPIA is required: EU market with sensitive data"}]}""";

    private final PartnershipService service;
    private final SecurityIdentity identity;

    PartnershipResource(PartnershipService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.PARTNERSHIP_MANAGER)
    @Operation(summary = "Register a partnership in DRAFT",
            description = "Role: partnership-manager. Creates revision 1. The reference is unique, so a retried "
                    + "create is refused with 409 instead of creating a second record.")
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag is its revision",
            headers = @Header(name = "ETag", description = "The revision, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "400", description = "Invalid record (unknown category, invalid country, bad enum, ...); nothing written")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a partnership-manager")
    @APIResponse(responseCode = "409", description = "The reference is taken")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    public Response create(@Valid @NotNull PartnershipRequest request, @Context UriInfo uri) {
        PartnershipView created = service.create(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(created.etag()).entity(created).build();
    }

    @GET
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "List partnerships",
            description = READERS + " Oldest first, at most 'limit' per page; 'next' is the cursor of the following "
                    + "page. Every partnership returned is recorded in the audit log as read.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = PartnershipPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown or blank filter value, q with U+0000 or an unpaired "
            + "surrogate, bad cursor or limit")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public PartnershipPage list(
            @Parameter(description = "DRAFT, UNDER_REVIEW, APPROVED, ACTIVE, SUSPENDED or TERMINATED") @QueryParam("status") String status,
            @Parameter(description = "Partner id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("partnerId") String partnerId,
            @Parameter(description = "A market: country code or EU (exact match)") @QueryParam("market") String market,
            @Parameter(description = "Risk class of any of its AI systems: PROHIBITED, HIGH, LIMITED or MINIMAL") @QueryParam("riskClass") String riskClass,
            @Parameter(description = "Case-insensitive text in reference, title or partner name") @QueryParam("q") String q,
            @Parameter(description = "Cursor: the 'next' of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return service.list(status, partnerId, market, riskClass, q, after, limit, Caller.of(identity));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "Read a partnership, now or as it stood at an instant",
            description = READERS + " With 'at', the revision in force at that instant: what was agreed then.")
    @APIResponse(responseCode = "200", description = "The partnership; ETag is its revision (current reads only)",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "400", description = "'at' is blank, not an instant or outside years 0001 to 9999")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partnership, or it did not exist yet at 'at'")
    public Response find(@PathParam("id") UUID id,
            @Parameter(description = "ISO-8601 UTC instant, e.g. 2026-03-01T00:00:00Z, years 0001 to 9999", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("at") String at) {
        Instant instant = QueryParams.instant("at", at);
        PartnershipView view = service.find(id, instant, Caller.of(identity));
        Response.ResponseBuilder response = Response.ok(view);
        return instant == null ? response.tag(view.etag()).build() : response.build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.PARTNERSHIP_MANAGER)
    @Operation(summary = "Replace a partnership's record as a new revision",
            description = "Role: partnership-manager. Needs If-Match with exactly one ETag, the one of the revision "
                    + "read ('*' and lists are refused). Only DRAFT, ACTIVE and SUSPENDED partnerships can be edited; "
                    + "an ACTIVE one must still satisfy activation. On an ACTIVE or SUSPENDED partnership a change "
                    + "that widens the data policy (a category let through that was not, another mode, country or "
                    + "purpose, a longer retention, sensitiveAllowed false → true) does not apply: it becomes the "
                    + "pendingChange (202), in force only once another partnership manager approves it; a change "
                    + "that does not widen applies at once and drops a pending one. An update that changes nothing "
                    + "creates no revision.")
    @APIResponse(responseCode = "200", description = "The new revision, in force; ETag is its number",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "202", description = "The change widens the data policy: recorded as the pending "
            + "change of a new revision, not in force until approved; ETag is the revision's number",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "400", description = "Invalid record (dates outside years 0001 to 9999, contact data "
            + "in the description or notes, ...); nothing written")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a partnership-manager")
    @APIResponse(responseCode = "404", description = "No such partnership")
    @APIResponse(responseCode = "409", description = "Not editable in its status, reference taken, or the change would break an ACTIVE partnership's activation requirements")
    @APIResponse(responseCode = "412", description = "If-Match is stale: someone changed it since")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "428", description = "If-Match missing, '*' or more than one ETag")
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the revision being changed, e.g. \"3\"", required = true)
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull PartnershipRequest request) {
        PartnershipService.Outcome updated = service.update(id, request, ifMatch, Caller.of(identity));
        return Response.status(updated.inForce() ? Response.Status.OK : Response.Status.ACCEPTED)
                .entity(updated.view()).tag(updated.view().etag()).build();
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed(Roles.PARTNERSHIP_MANAGER)
    @Operation(summary = "Move a partnership along its lifecycle",
            description = "Role: partnership-manager. DRAFT → UNDER_REVIEW → APPROVED → ACTIVE ⇄ SUSPENDED → "
                    + "TERMINATED, UNDER_REVIEW → DRAFT on rejection and APPROVED → DRAFT to change an approved record "
                    + "before it goes live. APPROVED needs a different user than whoever created the record, last "
                    + "changed its content or submitted it (four eyes). UNDER_REVIEW, APPROVED and ACTIVE each need what "
                    + "activation needs (see activation-check): a complete data policy, a transfer mechanism for every "
                    + "cross-border flow it allows and the assessments its markets and data need. A refusal lists every "
                    + "missing item. If-Match is optional here; when given, it must be exactly one current ETag.")
    @APIResponse(responseCode = "200", description = "Moved; the new revision",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "400", description = "Unknown status, missing reason or contact data in it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a partnership-manager")
    @APIResponse(responseCode = "404", description = "No such partnership")
    @APIResponse(responseCode = "409", description = "Transition not allowed from this status, four-eyes violated, or requirements missing (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "missing-items", value = REFUSED_EXAMPLE)))
    @APIResponse(responseCode = "412", description = "If-Match given but stale")
    @APIResponse(responseCode = "428", description = "If-Match is '*' or more than one ETag")
    public Response transition(@PathParam("id") UUID id,
            @Parameter(description = "Optional ETag of the revision being moved") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TransitionRequest request) {
        PartnershipView moved = service.transition(id, request.to(), request.reason(), ifMatch, Caller.of(identity));
        return Response.ok(moved).tag(moved.etag()).build();
    }

    @POST
    @Path("/{id}/pending-change/decision")
    @RolesAllowed(Roles.PARTNERSHIP_MANAGER)
    @Operation(summary = "Approve or reject the change pending on a partnership",
            description = "Role: partnership-manager. APPROVE puts the change that widens the data policy in force as "
                    + "a new revision; it needs a partnership manager other than its proposer, an ACTIVE or SUSPENDED "
                    + "partnership and, when ACTIVE, what activation needs. REJECT drops it (its proposer may withdraw "
                    + "it so). If-Match is optional; when given, it must be exactly one current ETag.")
    @APIResponse(responseCode = "200", description = "Decided; the new revision",
            content = @Content(schema = @Schema(implementation = PartnershipView.class)))
    @APIResponse(responseCode = "400", description = "Unknown decision, missing reason or contact data in it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a partnership-manager")
    @APIResponse(responseCode = "404", description = "No such partnership")
    @APIResponse(responseCode = "409", description = "No change pending, four eyes violated, or the change would "
            + "leave the ACTIVE partnership without what activation needs (each listed)")
    @APIResponse(responseCode = "412", description = "If-Match given but stale")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "428", description = "If-Match is '*' or more than one ETag")
    public Response decide(@PathParam("id") UUID id,
            @Parameter(description = "Optional ETag of the revision decided on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ChangeDecision request) {
        PartnershipView decided = service.decide(id, request.decision() == ChangeDecision.Decision.APPROVE,
                request.reason(), ifMatch, Caller.of(identity));
        return Response.ok(decided).tag(decided.etag()).build();
    }

    @GET
    @Path("/{id}/activation-check")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "List what the partnership lacks to go ACTIVE, without moving it",
            description = READERS + " The checks that submission (UNDER_REVIEW), approval and activation run, as of "
                    + "today, on the current record; 'missing' lists every item as a field error.")
    @APIResponse(responseCode = "200", description = "The check; ready when nothing is missing",
            content = @Content(schema = @Schema(implementation = ActivationCheck.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partnership")
    public ActivationCheck activationCheck(@PathParam("id") UUID id) {
        return service.activationCheck(id, Caller.of(identity));
    }

    @GET
    @Path("/{id}/revisions")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "List a partnership's revisions: who changed what and when", description = READERS)
    @APIResponse(responseCode = "200", description = "Oldest first",
            content = @Content(schema = @Schema(implementation = RevisionPage.class)))
    @APIResponse(responseCode = "400", description = "Blank or bad cursor or limit")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partnership")
    public RevisionPage revisions(@PathParam("id") UUID id,
            @Parameter(description = "Cursor: the last revision number already seen") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return service.revisions(id, after, limit, Caller.of(identity));
    }

    @GET
    @Path("/{id}/revisions/{revision}")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "Read one revision and the whole partnership as it stood after it", description = READERS)
    @APIResponse(responseCode = "200", description = "The revision",
            content = @Content(schema = @Schema(implementation = RevisionView.class)))
    @APIResponse(responseCode = "400", description = "The revision number is not a whole number of at least 1")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partnership or revision")
    public RevisionView revision(@PathParam("id") UUID id,
            @Parameter(description = "Revision number, 1 for the first", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @PathParam("revision") String revision) {
        return service.revision(id, QueryParams.integer("revision", revision, 1), Caller.of(identity));
    }

    @GET
    @Path("/{id}/policy")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "The data policy in force at an instant",
            description = READERS + " The compact shape the audit-service judges access events against (its service "
                    + "account carries partnership-viewer). Before the partnership existed: status null, active false.")
    @APIResponse(responseCode = "200", description = "The policy, status and effective dates in force at 'at'",
            content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "'at' is blank, not an instant or outside years 0001 to 9999")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "The partnership never existed")
    public PolicyView policy(@PathParam("id") UUID id,
            @Parameter(description = "ISO-8601 UTC instant, years 0001 to 9999; now when absent", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("at") String at) {
        return service.policy(id, QueryParams.instant("at", at), Caller.of(identity));
    }
}
