package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.ProofService;
import dev.sightline.audit.log.VerificationService;
import dev.sightline.audit.log.rest.dto.ConsistencyProofView;
import dev.sightline.audit.log.rest.dto.InclusionProofView;
import dev.sightline.audit.log.rest.dto.VerificationView;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "proofs", description = "RFC 9162 proofs and full verification of the log")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {
    private final ProofService proofs;
    private final VerificationService verification;

    ProofResource(ProofService proofs, VerificationService verification) {
        this.proofs = proofs;
        this.verification = verification;
    }

    @GET
    @Path("/proofs/inclusion")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Inclusion proof of an entry", description = "Roles: auditor, regulator. RFC 9162 "
            + "section 2.1.3; treeSize defaults to the newest checkpoint's size and may not exceed it.")
    @APIResponse(responseCode = "200", description = "The audit path",
            content = @Content(schema = @Schema(implementation = InclusionProofView.class)))
    @APIResponse(responseCode = "400", description = "seq or treeSize out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public InclusionProofView inclusion(@QueryParam("seq") @NotNull Long seq,
            @Parameter(description = "Size of the tree to prove against") @QueryParam("treeSize") Long treeSize) {
        return proofs.inclusion(seq, treeSize);
    }

    @GET
    @Path("/proofs/consistency")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Consistency proof between two tree sizes", description = "Roles: auditor, regulator. "
            + "RFC 9162 section 2.1.4; to defaults to the newest checkpoint's size and may not exceed it.")
    @APIResponse(responseCode = "200", description = "The consistency path",
            content = @Content(schema = @Schema(implementation = ConsistencyProofView.class)))
    @APIResponse(responseCode = "400", description = "from or to out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public ConsistencyProofView consistency(@QueryParam("from") @NotNull Long from, @QueryParam("to") Long to) {
        return proofs.consistency(from, to);
    }

    @POST
    @Path("/verifications")
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
