package dev.sightline.audit.remediation.rest;

import dev.sightline.audit.analytics.VerdictRules.Kind;
import dev.sightline.audit.remediation.RemediationService;
import dev.sightline.audit.remediation.rest.dto.RemediationPage;
import dev.sightline.audit.remediation.rest.dto.RemediationRequest;
import dev.sightline.audit.remediation.rest.dto.RemediationView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Caller;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/remediations")
@Tag(name = "remediations", description = "What the company did about each kind of violation, as auditors recorded it")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RemediationResource {
    private final RemediationService service;
    private final SecurityIdentity identity;

    RemediationResource(RemediationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @PUT
    @Path("/{partnershipId}/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Record the remediation of one kind of violation in one partnership",
            description = "Role: auditor. Each call adds a revision (the earlier ones stay) and appends a governance "
                    + "entry (action WRITE, feature remediation-records) to the log before the revision is committed.")
    @APIResponse(responseCode = "200", description = "Recorded: the new revision",
            content = @Content(schema = @Schema(implementation = RemediationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid partnership id, kind, status or text; nothing stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "503", description = "The log did not confirm the entry in time or the database is "
            + "unreachable; nothing recorded, retry")
    public RemediationView record(
            @PathParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @PathParam("kind") @Parameter(schema = @Schema(implementation = Kind.class)) String kind,
            @Valid @NotNull RemediationRequest request) {
        UUID id = QueryParams.uuid("partnershipId", partnershipId);
        Kind known = QueryParams.enumValue("kind", kind, Kind.class);
        if (id == null || known == null) {
            throw ProblemException.invalidField(id == null ? "partnershipId" : "kind", "is required");
        }
        return service.record(id, known, request, Caller.of(identity));
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Remediation revisions, newest first",
            description = "Roles: auditor, regulator (only partnerships offered in its jurisdictions; another one "
                    + "named is 404). Filters combine; pass the page's next as after.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = RemediationPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, cursor or limit")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "A regulator named a partnership outside its jurisdictions")
    public RemediationPage list(
            @QueryParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @QueryParam("kind") @Parameter(schema = @Schema(implementation = Kind.class)) String kind,
            @Parameter(description = "Cursor: the next of the previous page") @QueryParam("after") String after,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                    defaultValue = "100")) @QueryParam("limit") String limit) {
        return service.list(QueryParams.uuid("partnershipId", partnershipId),
                QueryParams.enumValue("kind", kind, Kind.class), after, limit, Caller.of(identity));
    }
}
