package dev.sightline.partnership.partners.rest;

import dev.sightline.partnership.partners.PartnerService;
import dev.sightline.partnership.partners.rest.dto.PartnerPage;
import dev.sightline.partnership.partners.rest.dto.PartnerRequest;
import dev.sightline.partnership.partners.rest.dto.PartnerView;
import dev.sightline.support.problem.Problem;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/partners")
@Tag(name = "partners", description = "Partner organisations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerResource {
    private final PartnerService service;
    private final SecurityIdentity identity;

    PartnerResource(PartnerService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.PARTNERSHIP_MANAGER)
    @Operation(summary = "Register a partner organisation", description = "Role: partnership-manager.")
    @APIResponse(responseCode = "201", description = "Registered; Location names it, ETag is its version",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a partnership-manager")
    @APIResponse(responseCode = "409", description = "A partner with that legal name and country exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    public Response create(@Valid @NotNull PartnerRequest request, @Context UriInfo uri) {
        PartnerView created = service.create(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(created.etag()).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "Read a partner", description = "Roles: partnership-manager, partnership-viewer, auditor.")
    @APIResponse(responseCode = "200", description = "The partner; ETag is its version",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response find(@PathParam("id") UUID id) {
        PartnerView partner = service.find(id);
        return Response.ok(partner).tag(partner.etag()).build();
    }

    @GET
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "List partners", description = "Roles: partnership-manager, partnership-viewer, auditor. "
            + "Oldest first, at most 'limit' per page; 'next' is the cursor of the following page.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = PartnerPage.class)))
    @APIResponse(responseCode = "400", description = "Blank or bad country, cursor or limit, q with U+0000 or an "
            + "unpaired surrogate")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public PartnerPage list(
            @Parameter(description = "Case-insensitive text in legal name or parent group") @QueryParam("q") String q,
            @Parameter(description = "Country of incorporation or headquarters") @QueryParam("country") String country,
            @Parameter(description = "Cursor: the 'next' of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return service.list(q, country, after, limit);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.PARTNERSHIP_MANAGER)
    @Operation(summary = "Replace a partner's record", description = "Role: partnership-manager. Needs If-Match "
            + "with the ETag of the version read.")
    @APIResponse(responseCode = "200", description = "Updated; ETag is the new version",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid record (contact data in ownershipNotes, ...); nothing "
            + "written")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a partnership-manager")
    @APIResponse(responseCode = "404", description = "No such partner")
    @APIResponse(responseCode = "409", description = "Another partner has that legal name and country")
    @APIResponse(responseCode = "412", description = "If-Match is stale: someone changed it since")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "428", description = "If-Match missing, '*' or more than one ETag")
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version being changed, e.g. \"0\"", required = true)
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull PartnerRequest request) {
        PartnerView updated = service.update(id, request, ifMatch, Caller.of(identity));
        return Response.ok(updated).tag(updated.etag()).build();
    }
}
