package dev.sightline.portal.services;

import dev.sightline.portal.services.Models.Checkpoint;
import dev.sightline.portal.services.Models.ViolationPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The audit-service: its public checkpoint and keys, and the violations an auditor reads. */
@Path("/api/v1")
@RegisterRestClient(configKey = "audit")
@RegisterProvider(BearerToken.class)
@RegisterProvider(ProblemReader.class)
public interface AuditApi {
    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.APPLICATION_JSON)
    Checkpoint latestCheckpoint();

    /** Public: the newest checkpoint as the signed note with its cosignature lines, as served. */
    @GET
    @Path("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    String checkpointNote();

    /** Public: the JWK set of the log's checkpoint keys (each with its note verifier key), as served. */
    @GET
    @Path("/keys")
    @Produces(MediaType.APPLICATION_JSON)
    String keys();

    @GET
    @Path("/violations")
    @Produces(MediaType.APPLICATION_JSON)
    ViolationPage violations(@QueryParam("after") Long after, @QueryParam("limit") Integer limit);
}
