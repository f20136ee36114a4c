package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.AnalyticsService;
import dev.sightline.audit.analytics.rest.dto.AuthorityRegisterView;
import dev.sightline.audit.analytics.rest.dto.FiguresView;
import dev.sightline.audit.analytics.rest.dto.StatsView;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
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

@Path("/api/v1")
@Tag(name = "analytics", description = "Exact access statistics, regulatory volume thresholds and the authority-request register")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {
    private final AnalyticsService service;
    private final SecurityIdentity identity;

    AnalyticsResource(AnalyticsService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("/stats")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Counts of events, records and distinct subjects, in total and by dimension",
            description = "Roles: auditor, regulator (one partnership offered in a market of the token's jurisdictions, "
                    + "named by partnershipId; any other is 404). Exact figures over the entries below the cited "
                    + "checkpoint (the newest one the analytics worker has reached), occurredAt in [from, to).")
    @APIResponse(responseCode = "200", description = "The figures and the checkpoint they were computed at",
            content = @Content(schema = @Schema(implementation = StatsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or groupBy, or a regulator without partnershipId")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "A regulator asked for a partnership outside its jurisdictions")
    public StatsView stats(
            @QueryParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @Parameter(description = "occurredAt at or after", schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Any of category, mode, country, purpose, outcome, action, feature; repeat the "
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
        service.requireVisible(id, RegulatorScope.of(identity));
        return service.stats(id, QueryParams.instant("from", from), QueryParams.instant("to", to), dims);
    }

    @GET
    @Path("/thresholds")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Regulatory volume thresholds evaluated from the log at an instant",
            description = "Roles: auditor, regulator (one partnership of its jurisdictions, as for stats). US bulk "
                    + "sensitive data rule (28 CFR 202.205): distinct subjects "
                    + "per data category per counterparty over the 12 months before at; China's cross-border provision "
                    + "(2024): distinct individuals since 1 January of at's year. Rules come from the versioned rule set "
                    + "each answer names.")
    @APIResponse(responseCode = "200", description = "One result per regime, category, counterparty and threshold",
            content = @Content(schema = @Schema(implementation = ThresholdsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid partnershipId or at, or a regulator without partnershipId")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "A regulator asked for a partnership outside its jurisdictions")
    public ThresholdsView thresholds(
            @QueryParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @Parameter(description = "Evaluate at this instant; now when absent", schema = @Schema(format = "date-time"))
            @QueryParam("at") String at) {
        UUID id = QueryParams.uuid("partnershipId", partnershipId);
        service.requireVisible(id, RegulatorScope.of(identity));
        return service.thresholds(id, QueryParams.instant("at", at));
    }

    @GET
    @Path("/authority-requests")
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
        return service.authorityRequests(QueryParams.instant("from", from), QueryParams.instant("to", to),
                RegulatorScope.of(identity));
    }

    @GET
    @Path("/figures")
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
            partnershipIds.forEach(p -> ids.add(QueryParams.uuid("partnershipId", p)));
        }
        return service.figures(ids, QueryParams.instant("from", from), QueryParams.instant("to", to));
    }
}
