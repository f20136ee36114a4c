package dev.sightline.witness.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.witness.WitnessOutcome;
import dev.sightline.witness.WitnessService;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * c2sp.org/tlog-witness {@code add-checkpoint}; the submission prefix is {@code <base URL>/api/v1}. As the spec
 * says, no authentication beyond the checkpoint's signature: anyone may submit a log's checkpoint.
 */
@Path("/api/v1/add-checkpoint")
@Tag(name = "witness", description = "C2SP tlog-witness: cosign a log's checkpoint that extends the last one cosigned")
public class WitnessResource {
    private static final String TEXT = MediaType.TEXT_PLAIN + ";charset=utf-8";
    private final WitnessService service;

    WitnessResource(WitnessService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Cosign a checkpoint consistent with the latest one cosigned for its log",
            description = "Public. The body: 'old <size>' (the size of the latest checkpoint the caller believes this "
                    + "witness cosigned for the log, 0 at first), zero to 63 lines each a base64 hash of the RFC 9162 "
                    + "consistency proof from that size, an empty line, then the signed checkpoint note. Every line "
                    + "ends in a newline.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "update", value = """
                    old 13
                    WRUsZPaQ/m6ZQLOsXIXDfh3b1SX4F7+Z4OTi2CPTzw8=
                    NpDRcJo3KwA+yKhlK9BVuxid3J1cQJb/yoePQ9cBJjA=
                    3NWyWL6FH+xTKTum8JQuV2uCW4Orl1JtrgThdykceSY=
                    wUangc8yvkucIt6sH6xVv48vPP588PCBqV+nTOLZ0/w=
                    tpcyzlyRQWLKmsz69OldP5h01ogFQ3CIqv8YSk25Z3M=
                    FKwDuxqLeZp+HKNXHH6CcyuHE07dTBaaIywEnGZAU/Y=
                    9IJba7hjVcKjd80nrG2LgZBRk/9kg1w9OTbDM3v3vkY=

                    sightline.example/audit-log
                    40
                    IDj2GPw7mK+lp/TI5luGR4YKljEA/apHyjaiODaieZE=

                    \u2014 sightline.example/audit-log 6V4SOH36bAfz6kNmNIDsInM1gLN0IJyHK+EmC0aritsXZma3K6KYFHnNVKeC4wQ7+hktw3shtVOAyoHNa70L2le0JAI=
                    """)))
    @APIResponse(responseCode = "200", description = "Cosigned and recorded: the witness's cosignature line(s)",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "cosignature", value = "\u2014 witness.sightline.example/w1 "
                            + "JmGZBAAAAABrEVzgxVWnM5aVuN70eESlyH8ZqoB9+qiPQOVZxjv2nAyEBNvKxyCfhvTHVf6X2FtIsvZPz+E93fZOzKVNqBbQ9r9tBQ==\n")))
    @APIResponse(responseCode = "400", description = "Malformed body or checkpoint, or an old size above the "
            + "checkpoint's size")
    @APIResponse(responseCode = "403", description = "No signature by a key trusted for the checkpoint's origin verifies")
    @APIResponse(responseCode = "404", description = "The witness knows no log with the checkpoint's origin")
    @APIResponse(responseCode = "409", description = "The old size is not the size of the latest checkpoint cosigned "
            + "(the body, text/x.tlog.size, is that size and a newline: retry from it); or, as a problem, the checkpoint "
            + "has the size of the latest one cosigned but another root hash",
            content = @Content(mediaType = WitnessOutcome.SizeMismatch.CONTENT_TYPE,
                    schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "size", value = "13\n")))
    @APIResponse(responseCode = "422", description = "The consistency proof does not verify")
    public Response addCheckpoint(byte[] body) {
        // the note is UTF-8 whatever charset the request names (tlog-witness clients often name none)
        WitnessOutcome outcome = service.addCheckpoint(body == null ? new byte[0] : body);
        if (outcome instanceof WitnessOutcome.Cosigned cosigned) {
            return Response.ok(cosigned.body(), TEXT).build();
        }
        if (outcome instanceof WitnessOutcome.SizeMismatch mismatch) {
            return Response.status(409).type(WitnessOutcome.SizeMismatch.CONTENT_TYPE).entity(mismatch.body()).build();
        }
        WitnessOutcome.Refused refused = (WitnessOutcome.Refused) outcome;
        throw switch (refused.reason()) {
            case MALFORMED -> problem(refused, "validation", "Invalid request");
            case NOT_SIGNED -> problem(refused, "checkpoint-not-signed", "Checkpoint not signed by a trusted key");
            case UNKNOWN_LOG -> problem(refused, "unknown-log", "Unknown log");
            case ROOT_MISMATCH -> problem(refused, "conflict", "Conflict");
            case INCONSISTENT -> problem(refused, "inconsistent-checkpoint", "Consistency proof does not verify");
        };
    }

    private static ProblemException problem(WitnessOutcome.Refused refused, String kind, String title) {
        return new ProblemException(refused.status(), kind, title, refused.detail(), null);
    }
}
