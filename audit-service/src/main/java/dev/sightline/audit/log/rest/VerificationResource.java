package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.VerificationJobs;
import dev.sightline.audit.log.rest.dto.VerificationJobView;
import dev.sightline.audit.log.rest.dto.VerificationRequest;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.security.Caller;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/verifications")
@Tag(name = ApiTags.PROOFS, description = ApiTags.PROOFS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {
    private final VerificationJobs jobs;
    private final SecurityIdentity identity;

    VerificationResource(VerificationJobs jobs, SecurityIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Start recomputing the whole log and comparing it with every signed checkpoint",
            description = "Role: auditor. Queues a run that recomputes every leaf hash from its stored entry and the "
                    + "tree from the leaves, and compares them with every stored subtree and checkpoint, and with "
                    + "the checkpoints given (kept outside the database); follow it at Location. One run at a time: "
                    + "while one is queued or running, another is refused with 409 naming it. The body is a JSON object "
                    + "({} for a run without known checkpoints).")
    @APIResponse(responseCode = "202", description = "Queued; Location names the run",
            content = @Content(schema = @Schema(implementation = VerificationJobView.class)))
    @APIResponse(responseCode = "400", description = "A known checkpoint is not this log's signed checkpoint")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "409", description = "A run is already queued or running; the detail names it")
    public Response start(@RequestBody(required = true) VerificationRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.invalidField("body", "must be a JSON object ({} for a run without known checkpoints)");
        }
        VerificationJobView job = jobs.submit(request, Caller.of(identity).id());
        return Response.accepted(job).location(uri.getAbsolutePathBuilder().path(job.id().toString()).build())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "A verification run: its state, progress and, when done, the verdict",
            description = "Role: auditor. QUEUED, RUNNING (entries checked of the total, rate), DONE with the "
                    + "result (ok, firstBadSeq, findings and failures naming the entry, subtree or checkpoint), or "
                    + "FAILED.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = VerificationJobView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "404", description = "No such run")
    public VerificationJobView job(@PathParam("id") String id) {
        UUID parsed = null;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // not a UUID: names no run
        }
        // only the exact form names a run (UUID.fromString also takes shortened groups)
        if (parsed == null || !parsed.toString().equalsIgnoreCase(id)) {
            throw ProblemException.notFound("No verification run " + id);
        }
        return jobs.find(parsed).orElseThrow(() -> ProblemException.notFound("No verification run " + id));
    }
}
