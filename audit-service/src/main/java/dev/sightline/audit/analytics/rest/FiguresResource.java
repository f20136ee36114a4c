package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.FiguresQuery;
import dev.sightline.audit.analytics.rest.dto.FiguresView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/figures")
@Tag(name = ApiTags.ANALYTICS, description = ApiTags.ANALYTICS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FiguresResource {
    private final FiguresQuery figures;

    FiguresResource(FiguresQuery figures) {
        this.figures = figures;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Everything a disclosure cites, for some partnerships and a period, at one checkpoint",
            description = "Role: auditor (the disclosure-service's service account). Statistics by every dimension, "
                    + "violations by kind, threshold status at the period's end and the authority-request register, "
                    + "all over exactly the entries below the one cited checkpoint, occurredAt in [from, to). While "
                    + "the analytics worker stands between two checkpoints the answer is 503 with Retry-After.")
    @APIResponse(responseCode = "200", description = "The figures and the checkpoint they were computed at",
            content = @Content(schema = @Schema(implementation = FiguresView.class)))
    @APIResponse(responseCode = "400", description = "Missing partnershipId, from or to, or an invalid one")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "503", description = "The analytics worker is between checkpoints; retry",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public FiguresView figures(
            @Parameter(description = "Repeat for each partnership", required = true,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = UUID.class))
            @QueryParam("partnershipId") List<String> partnershipIds,
            @Parameter(description = "occurredAt at or after", required = true, schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before", required = true, schema = @Schema(format = "date-time"))
            @QueryParam("to") String to) {
        List<UUID> ids = new ArrayList<>();
        if (partnershipIds != null) {
            partnershipIds.forEach(p -> ids.add(Optional.ofNullable(QueryParams.uuid("partnershipId", p))
                    .orElseThrow(() -> ProblemException.invalidField("partnershipId", "must be a UUID"))));
        }
        return figures.figures(ids, QueryParams.instant("from", from), QueryParams.instant("to", to));
    }
}
