package dev.sightline.disclosure.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The audit-service's figures and proofs, with this service's client-credentials token (role auditor; the audit
 * outbox records downloads with the same token, role audit-writer). Timeouts come from the REST client
 * configuration; retries are the caller's, which knows which answers are worth waiting for.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "audit")
@OidcClientFilter
public interface AuditClient {
    /** Every figure a disclosure cites, at one checkpoint; 503 while the analytics worker is between two. */
    @GET
    @Path("/figures")
    @Produces(MediaType.APPLICATION_JSON)
    Response figures(@QueryParam("partnershipId") List<String> partnershipIds, @QueryParam("from") String from,
            @QueryParam("to") String to);

    @GET
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode checkpoint(@QueryParam("size") long size);

    @GET
    @Path("/proofs/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode consistency(@QueryParam("from") long from, @QueryParam("to") long to);
}
