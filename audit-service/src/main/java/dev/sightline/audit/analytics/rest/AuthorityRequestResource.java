package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.AuthorityRegisterQuery;
import dev.sightline.audit.analytics.rest.dto.AuthorityRegisterView;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.RegulatorScope;
import dev.sightline.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/authority-requests")
@Tag(name = ApiTags.ANALYTICS, description = ApiTags.ANALYTICS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuthorityRequestResource {
    private final AuthorityRegisterQuery register;
    private final SecurityIdentity identity;

    AuthorityRequestResource(AuthorityRegisterQuery register, SecurityIdentity identity) {
        this.register = register;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "The register of authority data requests: counts by country, legal instrument and disposition",
            description = "Roles: auditor, regulator (counting only partnerships offered in its jurisdictions). Entries "
                    + "with action AUTHORITY_REQUEST, occurredAt in [from, to).")
    @APIResponse(responseCode = "200", description = "The counts and the checkpoint they were computed at",
            content = @Content(schema = @Schema(implementation = AuthorityRegisterView.class)))
    @APIResponse(responseCode = "400", description = "Invalid period")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public AuthorityRegisterView authorityRequests(
            @Parameter(description = "occurredAt at or after", schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to) {
        return register.authorityRequests(QueryParams.instant("from", from), QueryParams.instant("to", to),
                RegulatorScope.of(identity));
    }
}
