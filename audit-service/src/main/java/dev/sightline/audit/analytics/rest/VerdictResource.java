package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.VerdictService;
import dev.sightline.audit.analytics.rest.dto.RebuildView;
import dev.sightline.audit.analytics.rest.dto.VerdictView;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/verdicts")
@Tag(name = ApiTags.VERDICTS, description = ApiTags.VERDICTS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class VerdictResource {
    private final VerdictService service;

    VerdictResource(VerdictService service) {
        this.service = service;
    }

    @GET
    @Path("/{seq}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "One entry's verdict", description = "Role: auditor. PENDING until the policy in force at "
            + "occurredAt could be fetched; then JUDGED with its violations (none for an entry inside the policy).")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(schema = @Schema(implementation = VerdictView.class)))
    @APIResponse(responseCode = "400", description = "seq is negative")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "404", description = "No entry with that seq (also when seq is not a whole number)")
    public VerdictView verdict(@PathParam("seq") @Min(0) long seq) {
        return service.verdict(seq);
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Derive verdicts, statistics rollups and the authority register again from the log",
            description = "Role: auditor. Drops the derived tables (never the log) and lets the worker rebuild them "
                    + "in the background; figures restart from checkpoint size 0 and cite how far they have come.")
    @APIResponse(responseCode = "202", description = "Rebuild started",
            content = @Content(schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "503", description = "Could not start now; try again")
    public Response rebuild() {
        return Response.accepted(service.rebuild()).build();
    }
}
