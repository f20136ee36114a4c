package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.CheckpointService;
import dev.sightline.audit.log.rest.dto.KeySetView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The keys that verify checkpoints, which anyone may read without a token (as {@link LatestCheckpointResource}). */
@Path("/api/v1/keys")
@Tag(name = ApiTags.CHECKPOINTS, description = ApiTags.CHECKPOINTS_DESCRIPTION)
public class KeyResource {
    private final CheckpointService service;

    KeyResource(CheckpointService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checkpoint verification keys", description = "Public. A JWK set (Ed25519 OKP keys, kid = "
            + "note key id in hex); each key also as a C2SP note verifier key. Retired keys stay listed.")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(schema = @Schema(implementation = KeySetView.class)))
    public KeySetView keys() {
        return service.keys();
    }
}
