package dev.sightline.disclosure.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.sightline.disclosure.snapshot.Checkpoint;
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
 * The audit-service, with this service's client-credentials token (roles auditor for the figures and proofs,
 * audit-writer for recording downloads). Timeouts come from the REST client configuration; retries are the
 * caller's, which knows which answers are worth waiting for.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "audit")
@OidcClientFilter
public interface AuditClient {
    /** An RFC 9162 consistency proof: base64 node hashes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConsistencyProof(List<String> path) {
        public ConsistencyProof {
            path = path == null ? List.of() : path;
        }
    }

    /**
     * Every figure a disclosure cites, at one checkpoint; 503 while the analytics worker is between two, which the
     * caller waits out before reading the answer as {@code Figures}.
     */
    @GET
    @Path("/figures")
    @Produces(MediaType.APPLICATION_JSON)
    Response figures(@QueryParam("partnershipId") List<String> partnershipIds, @QueryParam("from") String from,
            @QueryParam("to") String to);

    /** A signed checkpoint as the audit-service lists it, with the hex id of the note key that signed it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignedCheckpoint(long size, String root, String note, String keyId) {
        public Checkpoint checkpoint() {
            return new Checkpoint(size, root, note);
        }
    }

    /** The log's keys: JWK members and the hex note key id ({@code kid}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogKeySet(List<LogKeyEntry> keys) {
        public LogKeySet {
            keys = keys == null ? List.of() : keys;
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record LogKeyEntry(String kty, String crv, String x, String kid) {
        }
    }

    @GET
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    List<SignedCheckpoint> checkpoint(@QueryParam("size") long size);

    @GET
    @Path("/keys")
    @Produces(MediaType.APPLICATION_JSON)
    LogKeySet keys();

    @GET
    @Path("/proofs/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    ConsistencyProof consistency(@QueryParam("from") long from, @QueryParam("to") long to);
}
