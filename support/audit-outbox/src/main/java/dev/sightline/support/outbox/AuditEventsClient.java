package dev.sightline.support.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The audit-service's batch append ({@code quarkus.rest-client.audit.*}), called with the service's
 * client-credentials token (the default {@code quarkus.oidc-client}).
 */
@Path("/api/v1/events")
@RegisterRestClient(configKey = "audit")
@OidcClientFilter
public interface AuditEventsClient {
    /**
     * Appends up to 1000 events; 201 (200 when all were duplicates) with {@code entries[{eventId, seq, leafHash,
     * duplicate}]}. A repeated eventId returns the original entry, so re-sending is safe.
     */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response appendBatch(ObjectNode batch);
}
