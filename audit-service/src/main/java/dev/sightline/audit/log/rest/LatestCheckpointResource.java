package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.CheckpointService;
import dev.sightline.audit.log.rest.dto.CheckpointView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The newest signed checkpoint, which anyone may read without a token. Kept apart from {@link CheckpointResource},
 * whose operations all need a token, so the contract shows these with no security requirement at all.
 */
@Path("/api/v1/checkpoints/latest")
@Tag(name = ApiTags.CHECKPOINTS, description = ApiTags.CHECKPOINTS_DESCRIPTION)
public class LatestCheckpointResource {
    private final CheckpointService service;

    LatestCheckpointResource(CheckpointService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The newest signed checkpoint as a C2SP signed note", description = "Public.")
    @APIResponse(responseCode = "200", description = "The signed note", content = @Content(
            mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "Nothing signed yet, or the database cannot be reached and no "
            + "checkpoint is held in memory")
    public String latestNote() {
        return service.latest().note();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest signed checkpoint", description = "Public.")
    @APIResponse(responseCode = "200", description = "Size, root, signed note and time",
            content = @Content(schema = @Schema(implementation = CheckpointView.class)))
    @APIResponse(responseCode = "503", description = "Nothing signed yet, or the database cannot be reached and no "
            + "checkpoint is held in memory")
    public CheckpointView latest() {
        return service.latest();
    }
}
