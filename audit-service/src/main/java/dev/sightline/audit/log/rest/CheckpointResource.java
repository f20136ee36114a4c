package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.CheckpointService;
import dev.sightline.audit.log.rest.dto.CheckpointView;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/checkpoints")
@Tag(name = ApiTags.CHECKPOINTS, description = ApiTags.CHECKPOINTS_DESCRIPTION)
@Authenticated
public class CheckpointResource {
    private final CheckpointService service;

    CheckpointResource(CheckpointService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Signed checkpoints: the one of a given size, or a page of them",
            description = "Roles: auditor, regulator. With size: exactly that checkpoint. Without: checkpoints "
                    + "with a size above after, smallest first.")
    @APIResponse(responseCode = "200", description = "The matching checkpoints",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CheckpointView.class)))
    @APIResponse(responseCode = "400", description = "Invalid size or cursor")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No checkpoint was signed at that size")
    public List<CheckpointView> list(
            @Parameter(description = "Exactly this tree size", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64", minimum = "0")) @QueryParam("size") String size,
            @Parameter(description = "Cursor: sizes above this", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64", minimum = "-1", defaultValue = "-1")) @QueryParam("after") String after,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                    defaultValue = "100")) @QueryParam("limit") String limit) {
        long exact = QueryParams.wholeNumber("size", size, 0, Long.MAX_VALUE, -1);
        long from = QueryParams.wholeNumber("after", after, -1, Long.MAX_VALUE, -1);
        int count = (int) QueryParams.wholeNumber("limit", limit, 1, 500, 100);
        return exact >= 0 ? List.of(service.bySize(exact)) : service.list(from, count);
    }

    @POST
    @RolesAllowed({ Roles.AUDITOR, Roles.AUDIT_WRITER })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign a checkpoint over everything appended so far, now",
            description = "Roles: auditor, audit-writer. The integrator also does this on its own within a second.")
    @APIResponse(responseCode = "200", description = "The checkpoint that covers every entry acknowledged before",
            content = @Content(schema = @Schema(implementation = CheckpointView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "503", description = "Could not sign now")
    public CheckpointView signNow() {
        return service.signNow();
    }
}
