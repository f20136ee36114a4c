package dev.sightline.disclosure.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.sightline.disclosure.snapshot.Partner;
import dev.sightline.disclosure.snapshot.Partnership;
import dev.sightline.disclosure.snapshot.StatusChange;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The partnership-service, read with this service's client-credentials token (role partnership-viewer). Answers
 * are parsed into the records a disclosure reads (members it does not read are ignored). Reads are idempotent, so
 * transient failures are retried; a 4xx is not (the REST client raises it as a WebApplicationException the caller
 * maps).
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "partnership")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
@Timeout(value = 15, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, retryOn = { ProcessingException.class, ServerErrorException.class })
public interface PartnershipClient {
    /** One page of partnerships: their ids, and the cursor of the next page (null on the last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartnershipPage(List<Item> items, String next) {
        public PartnershipPage {
            items = items == null ? List.of() : items;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Item(UUID id) {
        }
    }

    /** One page of a partnership's revisions, oldest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RevisionPage(List<RevisionSummary> items, String next) {
        public RevisionPage {
            items = items == null ? List.of() : items;
        }
    }

    /** When a revision came into force and what kind of change it was (CREATED, UPDATED, TRANSITIONED ...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RevisionSummary(int revision, Instant validFrom, String kind) {
    }

    /** One revision, of which a disclosure reads the transition it made. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Revision(Transitioned partnership) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Transitioned(StatusChange lastTransition) {
        }
    }

    @GET
    @Path("/partnerships")
    PartnershipPage list(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/partnerships/{id}")
    Partnership find(@PathParam("id") UUID id, @QueryParam("at") String at);

    @GET
    @Path("/partnerships/{id}/revisions")
    RevisionPage revisions(@PathParam("id") UUID id, @QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/partnerships/{id}/revisions/{revision}")
    Revision revision(@PathParam("id") UUID id, @PathParam("revision") int revision);

    @GET
    @Path("/partners/{id}")
    Partner partner(@PathParam("id") UUID id);
}
