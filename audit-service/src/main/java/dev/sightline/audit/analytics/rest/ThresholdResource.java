package dev.sightline.audit.analytics.rest;

import dev.sightline.audit.analytics.RegulatorVisibility;
import dev.sightline.audit.analytics.ThresholdQuery;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.RegulatorScope;
import dev.sightline.support.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

@Path("/api/v1/thresholds")
@Tag(name = ApiTags.ANALYTICS, description = ApiTags.ANALYTICS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdResource {
    private final ThresholdQuery thresholds;
    private final RegulatorVisibility visibility;
    private final SecurityIdentity identity;

    ThresholdResource(ThresholdQuery thresholds, RegulatorVisibility visibility,
            SecurityIdentity identity) {
        this.thresholds = thresholds;
        this.visibility = visibility;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "Regulatory volume thresholds evaluated from the log at an instant",
            description = "Roles: auditor, regulator (one partnership of its jurisdictions, as for stats). Every "
                    + "window ends at and includes at. US bulk sensitive data rule (28 CFR 202.205): distinct subjects "
                    + "per category over the 12 months up to at, counted per counterparty across all its partnerships "
                    + "(more than the threshold crosses it). China's cross-border provisions (CAC, 2024, Art. 7-8): "
                    + "distinct individuals since 1 January of at's year in Asia/Shanghai, counted across all of the "
                    + "company's partnerships (the number or more crosses it). A partnership named sees the aggregate "
                    + "and its own share. Thresholds, comparators, consequences and sources come from the versioned "
                    + "rule set each answer names.")
    @APIResponse(responseCode = "200", description = "One result per regime, category, aggregate and threshold",
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
        visibility.require(id, RegulatorScope.of(identity));
        return thresholds.thresholds(id, QueryParams.instant("at", at));
    }

    @GET
    @Path("/rules")
    @RolesAllowed({ Roles.AUDITOR, Roles.REGULATOR })
    @Operation(summary = "The threshold rule set in force, as shipped",
            description = "Roles: auditor, regulator. The versioned rule data every threshold result is evaluated "
                    + "by: per regime its citation, window (type and time zone), aggregation, scope, the origins whose "
                    + "recorded transfers must cover a crossing (transfersFrom), and per category the data categories "
                    + "it counts and its tiers, each with comparator, threshold, consequence and source; per "
                    + "consequence the transfer mechanisms that cover it (coveredBy) and its source.")
    @APIResponse(responseCode = "200", description = "The rule set document", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, example = RULES_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public JsonNode rules() {
        return thresholds.ruleSet();
    }

    private static final String RULES_EXAMPLE = """
            {"version": "2026.3", "nearPercent": 80,
             "consequences": [{"consequence": "SECURITY_ASSESSMENT", "coveredBy": ["CN_SECURITY_ASSESSMENT"],
                               "source": "PIPL Art. 38(1), 40"}],
             "regimes": [{"regime": "CN_CROSS_BORDER_PROVISION", "citation": "Provisions (CAC, 2024), Art. 7-8",
                          "window": {"type": "CALENDAR_YEAR_TO_DATE", "zone": "Asia/Shanghai"},
                          "aggregation": "EXPORTER", "transfersFrom": ["CN"],
                          "scope": {"subjectMarkets": ["CN"], "excludedProcessingCountries": ["CN"]},
                          "categories": [{"category": "SENSITIVE_PERSONAL_INFORMATION",
                                          "dataCategories": ["user.health"],
                                          "tiers": [{"comparator": "≥", "threshold": 10000,
                                                     "consequence": "SECURITY_ASSESSMENT",
                                                     "source": "Provisions (CAC, 2024), Art. 7(2)"}]}]}]}""";
}
