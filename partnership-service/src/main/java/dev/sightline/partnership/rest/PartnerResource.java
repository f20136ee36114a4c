package dev.sightline.partnership.rest;

import dev.sightline.partnership.rest.dto.PartnerRequest;
import dev.sightline.partnership.rest.dto.PartnerView;
import dev.sightline.partnership.service.PartnerService;
import dev.sightline.support.problem.Problem;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    public Response create(@Valid @NotNull PartnerRequest request, @Context UriInfo uri) {
        PartnerView created = service.create(request, identity.getPrincipal().getName());
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
}
