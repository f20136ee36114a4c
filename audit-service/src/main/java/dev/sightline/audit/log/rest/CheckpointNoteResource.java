package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.CheckpointService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The newest checkpoint as the plain C2SP note, whatever the request's {@code Accept}: the URL a transparency-log
 * tool (a witness, a monitor) fetches without negotiating.
 */
@Path("/api/v1/checkpoint")
@Tag(name = ApiTags.CHECKPOINTS, description = ApiTags.CHECKPOINTS_DESCRIPTION)
public class CheckpointNoteResource {
    private final CheckpointService service;

    CheckpointNoteResource(CheckpointService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The newest signed checkpoint as a C2SP signed note, with its witnesses' cosignatures",
            description = "Public. Always text/plain, whatever the Accept header asks for.")
    @APIResponse(responseCode = "200", description = "The signed note, then one cosignature line per witness that "
            + "cosigned it",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "Nothing signed yet, or the database cannot be reached and no "
            + "checkpoint is held in memory")
    public Response note() {
        return Response.ok(service.latest().note(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }
}
