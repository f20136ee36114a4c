package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.CheckpointService;
import dev.sightline.audit.log.rest.dto.CheckpointView;
import dev.sightline.audit.log.rest.dto.KeySetView;
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
 * What anyone may read without a token: the newest signed checkpoint and the keys that verify it. Kept apart from
 * {@link CheckpointResource}, whose operations all need a token, so the contract shows these with no security
 * requirement at all.
 */
@Path("/api/v1")
@Tag(name = "checkpoints")
public class PublicLogResource {
    private final CheckpointService service;

    PublicLogResource(CheckpointService service) {
        this.service = service;
    }

    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The newest signed checkpoint as a C2SP signed note", description = "Public.")
    @APIResponse(responseCode = "200", description = "The signed note", content = @Content(
            mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "Nothing signed yet")
    public String latestNote() {
        return service.latest().note();
    }

    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest signed checkpoint", description = "Public.")
    @APIResponse(responseCode = "200", description = "Size, root, signed note and time",
            content = @Content(schema = @Schema(implementation = CheckpointView.class)))
    @APIResponse(responseCode = "503", description = "Nothing signed yet")
    public CheckpointView latest() {
        return service.latest();
    }

    @GET
    @Path("/keys")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checkpoint verification keys", description = "Public. A JWK set (Ed25519 OKP keys, kid = "
            + "note key id in hex); each key also as a C2SP note verifier key. Retired keys stay listed.")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(schema = @Schema(implementation = KeySetView.class)))
    public KeySetView keys() {
        return service.keys();
    }
}
