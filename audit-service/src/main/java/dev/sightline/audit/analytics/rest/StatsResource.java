package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.RegulatorVisibility;
import dev.sightline.audit.analytics.StatsQuery;
import dev.sightline.audit.analytics.rest.dto.StatsView;
import dev.sightline.audit.analytics.rest.dto.StatsView.Activity;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/stats")
@Tag(name = ApiTags.ANALYTICS, description = ApiTags.ANALYTICS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private final StatsQuery stats;
    private final RegulatorVisibility visibility;
    private final SecurityIdentity identity;

    StatsResource(StatsQuery stats, RegulatorVisibility visibility, SecurityIdentity identity) {
        this.stats = stats;
        this.visibility = visibility;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Counts of events, records and distinct subjects of one activity, in total and by dimension",
            description = "Roles: auditor, regulator (one partnership offered in a market of the token's jurisdictions, "
                    + "named by partnershipId; any other is 404). Exact figures over the entries below the cited "
                    + "checkpoint (the newest one the analytics worker has reached), occurredAt in [from, to). "
                    + "An entry that names at least one data category is user-data access (activity ACCESS, the "
                    + "default: what the partner's AI and the company's features did with user data); an entry that "
                    + "names none is governance activity (activity GOVERNANCE: record keeping, such as reads and "
                    + "writes of partnership records and regulators' downloads of disclosures). The two are counted "
                    + "separately, never together.")
    @APIResponse(responseCode = "200", description = "The figures and the checkpoint they were computed at",
            content = @Content(schema = @Schema(implementation = StatsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, activity or groupBy, or a regulator without "
            + "partnershipId")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "A regulator asked for a partnership outside its jurisdictions")
    public StatsView stats(
            @QueryParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @Parameter(description = "occurredAt at or after", schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "ACCESS (default): user-data access, entries naming at least one data category; "
                    + "GOVERNANCE: governance activity, entries naming none", schema = @Schema(implementation =
                            Activity.class, defaultValue = "ACCESS"))
            @QueryParam("activity") String activity,
            @Parameter(description = "Any of category, mode, country, purpose, outcome, action, feature, "
                    + "subjectRegion (the subject's recorded region; empty when the event recorded none); repeat the "
                    + "parameter or separate with commas", schema = @Schema(type = SchemaType.ARRAY,
                            implementation = String.class))
            @QueryParam("groupBy") List<String> groupBy) {
        List<String> dims = new ArrayList<>();
        if (groupBy != null) {
            groupBy.forEach(g -> {
                for (String d : g.split(",")) {
                    if (!d.isBlank()) {
                        dims.add(d.trim());
                    }
                }
            });
        }
        UUID id = QueryParams.uuid("partnershipId", partnershipId);
        visibility.require(id, RegulatorScope.of(identity));
        Activity counted = QueryParams.enumValue("activity", activity, Activity.class);
        return stats.stats(id, counted == null ? Activity.ACCESS : counted, QueryParams.instant("from", from),
                QueryParams.instant("to", to), dims);
    }
}
