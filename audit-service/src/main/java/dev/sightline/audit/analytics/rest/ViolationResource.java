package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.VerdictRules.Kind;
import dev.sightline.audit.analytics.ViolationQuery;
import dev.sightline.audit.analytics.rest.dto.ViolationPage;
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

@Path("/api/v1/violations")
@Tag(name = ApiTags.VERDICTS, description = ApiTags.VERDICTS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ViolationResource {
    private final ViolationQuery violations;

    ViolationResource(ViolationQuery violations) {
        this.violations = violations;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Entries outside their partnership's data policy, in log order",
            description = "Role: auditor. Each item carries the entry's seq (for its inclusion proof) and every "
                    + "violation found. Filters combine; pass the page's next as after.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ViolationPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    public ViolationPage violations(
            @QueryParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @QueryParam("kind") @Parameter(schema = @Schema(implementation = Kind.class)) String kind,
            @Parameter(description = "occurredAt at or after", schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Cursor: the seq after which to start", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64", minimum = "-1", defaultValue = "-1")) @QueryParam("after") String after,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                    defaultValue = "100")) @QueryParam("limit") String limit) {
        return violations.violations(QueryParams.uuid("partnershipId", partnershipId),
                QueryParams.enumValue("kind", kind, Kind.class), QueryParams.instant("from", from),
                QueryParams.instant("to", to), QueryParams.wholeNumber("after", after, -1, Long.MAX_VALUE, -1),
                (int) QueryParams.wholeNumber("limit", limit, 1, 500, 100));
    }
}
