package dev.sightline.portal.services;

import dev.sightline.portal.services.Models.ActivationCheck;
import dev.sightline.portal.services.Models.PartnershipPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The partnership-service: the records staff read. */
@Path("/api/v1")
@RegisterRestClient(configKey = "partnership")
@RegisterProvider(BearerToken.class)
@RegisterProvider(ProblemReader.class)
public interface PartnershipApi {
    @GET
    @Path("/partnerships")
    @Produces(MediaType.APPLICATION_JSON)
    PartnershipPage list(@QueryParam("after") String after, @QueryParam("limit") Integer limit);

    @GET
    @Path("/partnerships/{id}/activation-check")
    @Produces(MediaType.APPLICATION_JSON)
    ActivationCheck activationCheck(@PathParam("id") UUID id);
}
