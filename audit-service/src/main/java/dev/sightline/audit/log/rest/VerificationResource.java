package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.VerificationService;
import dev.sightline.audit.log.rest.dto.VerificationView;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/verifications")
@Tag(name = ApiTags.PROOFS, description = ApiTags.PROOFS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {
    private final VerificationService verification;

    VerificationResource(VerificationService verification) {
        this.verification = verification;
    }

    @POST
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Recompute the whole log and compare it with every signed checkpoint",
            description = "Role: auditor. Recomputes every leaf hash from its stored entry and the tree from the "
                    + "leaves; names the first entry that no longer matches what was signed.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    public VerificationView verify() throws SQLException {
        return verification.verify();
    }
}
