package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.ProofService;
import dev.sightline.audit.log.rest.dto.ConsistencyProofView;
import dev.sightline.audit.log.rest.dto.InclusionProofView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/proofs")
@Tag(name = ApiTags.PROOFS, description = ApiTags.PROOFS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {
    private final ProofService proofs;

    ProofResource(ProofService proofs) {
        this.proofs = proofs;
    }

    @GET
    @Path("/inclusion")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Inclusion proof of an entry", description = "Roles: auditor, regulator. RFC 9162 "
            + "section 2.1.3; treeSize defaults to the newest checkpoint's size and may not exceed it.")
    @APIResponse(responseCode = "200", description = "The audit path",
            content = @Content(schema = @Schema(implementation = InclusionProofView.class)))
    @APIResponse(responseCode = "400", description = "seq or treeSize out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public InclusionProofView inclusion(
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("seq") String seq,
            @Parameter(description = "Size of the tree to prove against", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64", minimum = "1")) @QueryParam("treeSize") String treeSize) {
        return proofs.inclusion(required("seq", seq), optional("treeSize", treeSize));
    }

    @GET
    @Path("/consistency")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Consistency proof between two tree sizes", description = "Roles: auditor, regulator. "
            + "RFC 9162 section 2.1.4; to defaults to the newest checkpoint's size and may not exceed it.")
    @APIResponse(responseCode = "200", description = "The consistency path",
            content = @Content(schema = @Schema(implementation = ConsistencyProofView.class)))
    @APIResponse(responseCode = "400", description = "from or to out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public ConsistencyProofView consistency(
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("to") String to) {
        return proofs.consistency(required("from", from), optional("to", to));
    }

    private static long required(String name, String value) {
        if (value == null) {
            throw ProblemException.invalidField(name, "must not be null");
        }
        return QueryParams.wholeNumber(name, value, 0, Long.MAX_VALUE, -1);
    }

    private static Long optional(String name, String value) {
        return value == null ? null : QueryParams.wholeNumber(name, value, 0, Long.MAX_VALUE, -1);
    }
}
