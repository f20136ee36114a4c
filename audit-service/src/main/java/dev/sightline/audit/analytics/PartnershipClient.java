package dev.sightline.audit.analytics;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The partnership-service's policy endpoint, called with this service's client-credentials token. */
@Path("/api/v1/partnerships")
@RegisterRestClient(configKey = "partnership")
@OidcClientFilter
interface PartnershipClient {
    /** The policy in force at {@code at}; 404 only when the partnership never existed. */
    @GET
    @Path("/{id}/policy")
    @Produces(MediaType.APPLICATION_JSON)
    PolicyDocument policy(@PathParam("id") UUID id, @QueryParam("at") String at);
}
