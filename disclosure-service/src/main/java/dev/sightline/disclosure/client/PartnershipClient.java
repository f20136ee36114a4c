package dev.sightline.disclosure.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The partnership-service, read with this service's client-credentials token (role partnership-viewer). Answers
 * are kept as JSON trees: the report copies what it needs and nothing is lost to a DTO that lags the contract.
 * Reads are idempotent, so transient failures are retried; a 4xx is not (the REST client raises it as a
 * WebApplicationException the caller maps).
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "partnership")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
@Timeout(value = 15, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, retryOn = { jakarta.ws.rs.ProcessingException.class,
        jakarta.ws.rs.ServerErrorException.class })
public interface PartnershipClient {
    @GET
    @Path("/partnerships")
    JsonNode list(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/partnerships/{id}")
    JsonNode find(@PathParam("id") String id, @QueryParam("at") String at);

    @GET
    @Path("/partnerships/{id}/revisions")
    JsonNode revisions(@PathParam("id") String id, @QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/partnerships/{id}/revisions/{revision}")
    JsonNode revision(@PathParam("id") String id, @PathParam("revision") int revision);

    @GET
    @Path("/partners/{id}")
    JsonNode partner(@PathParam("id") String id);
}
