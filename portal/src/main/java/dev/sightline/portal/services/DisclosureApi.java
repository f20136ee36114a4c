package dev.sightline.portal.services;

import dev.sightline.portal.services.Models.Disclosure;
import dev.sightline.portal.services.Models.DisclosurePage;
import dev.sightline.portal.services.Models.DisclosureRequest;
import dev.sightline.portal.services.Models.PublicDisclosurePage;
import dev.sightline.portal.services.Models.PublishRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The disclosure-service: disclosures for the signed-in person; the published ones' metadata and its signing keys for
 * everyone.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "disclosure")
@RegisterProvider(BearerToken.class)
@RegisterProvider(ProblemReader.class)
public interface DisclosureApi {
    @GET
    @Path("/disclosures")
    @Produces(MediaType.APPLICATION_JSON)
    DisclosurePage list(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("status") String status,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit);

    @GET
    @Path("/disclosures/{id}/metadata")
    @Produces(MediaType.APPLICATION_JSON)
    Disclosure metadata(@PathParam("id") UUID id);

    /** One of a disclosure's files, byte for byte as served, with its media type and file name. */
    @GET
    @Path("/disclosures/{id}/{file}")
    @Produces(MediaType.WILDCARD)
    RestResponse<byte[]> file(@PathParam("id") UUID id, @PathParam("file") String file);

    @POST
    @Path("/disclosures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Disclosure create(DisclosureRequest request);

    @POST
    @Path("/disclosures/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Disclosure publish(@PathParam("id") UUID id, PublishRequest request);

    /** Public: the metadata of every disclosure that is or was published, oldest first. */
    @GET
    @Path("/public/disclosures")
    @Produces(MediaType.APPLICATION_JSON)
    PublicDisclosurePage publicList(@QueryParam("after") String after, @QueryParam("limit") Integer limit);

    /** Public: the JWK set of the keys that sign published reports, as served. */
    @GET
    @Path("/keys")
    @Produces(MediaType.APPLICATION_JSON)
    String keys();
}
