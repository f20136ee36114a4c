package dev.sightline.partnership.partnerships;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The audit-service's regulatory volume thresholds ({@code quarkus.rest-client.audit.*}), read with the service's
 * client-credentials token (its service account holds the auditor role for this).
 */
@Path("/api/v1/thresholds")
@RegisterRestClient(configKey = "audit")
@OidcClientFilter
interface ThresholdsClient {
    /** Every aggregate's threshold results now. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode now();

    /** The rule set the results are evaluated by. */
    @GET
    @Path("/rules")
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode rules();
}
