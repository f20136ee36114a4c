package dev.sightline.witness.rest;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.witness.WitnessState;
import dev.sightline.witness.WitnessService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the witness publishes: its verifier key, and the latest checkpoint it cosigned of each log. */
@Path("/api/v1")
@Tag(name = "witness", description = "C2SP tlog-witness: cosign a log's checkpoint that extends the last one cosigned")
public class KeyResource {
    private final WitnessService service;

    KeyResource(WitnessService service) {
        this.service = service;
    }

    /** The latest checkpoint cosigned for one log. */
    @Schema(name = "WitnessedLog")
    public record LogView(@Schema(example = "sightline.example/audit-log") String origin,
            @Schema(example = "40") long size,
            @Schema(description = "Base64 RFC 9162 root hash") String root,
            @Schema(description = "The checkpoint note as submitted") String note) {
    }

    @GET
    @Path("/key")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The witness's cosignature/v1 verifier key", description = "Public. "
            + "<name>+<hex key id>+<base64 of 0x04 and the Ed25519 public key>, as logs and verifiers configure it.")
    @APIResponse(responseCode = "200", description = "The verifier key and a newline", content = @Content(
            mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(
                    name = "key", value = "witness.sightline.example/w1+26619904+BBl/ayPhbIUyxqvIOPrNXqeJvgx2spIDNAOb+os9No1h\n")))
    public String key() {
        CosignatureVerifier key = service.key();
        return key.encoded() + "\n";
    }

    @GET
    @Path("/logs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest checkpoint cosigned of each log", description = "Public.")
    @APIResponse(responseCode = "200", description = "One entry per log with a cosigned checkpoint",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LogView.class)))
    public List<LogView> logs() {
        return service.logs().entrySet().stream().map(e -> view(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("/logs/{origin: .+}/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The latest checkpoint cosigned of one log, cosigned now", description = "Public. The "
            + "checkpoint note as the log submitted it, with this witness's cosignature/v1 line made at the time of "
            + "the request: at that time it was the newest checkpoint of the log the witness had cosigned. The origin "
            + "is written as it is, slashes included (/api/v1/logs/sightline.example/audit-log/checkpoint). A log "
            + "verifying its stored history against its witnesses reads this.")
    @APIResponse(responseCode = "200", description = "The cosigned checkpoint note", content = @Content(
            mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(
                    name = "note", value = """
                            sightline.example/audit-log
                            40
                            IDj2GPw7mK+lp/TI5luGR4YKljEA/apHyjaiODaieZE=

                            \u2014 sightline.example/audit-log 6V4SOH36bAfz6kNmNIDsInM1gLN0IJyHK+EmC0aritsXZma3K6KYFHnNVKeC4wQ7+hktw3shtVOAyoHNa70L2le0JAI=
                            \u2014 witness.sightline.example/w1 JmGZBAAAAABrEVzgxVWnM5aVuN70eESlyH8ZqoB9+qiPQOVZxjv2nAyEBNvKxyCfhvTHVf6X2FtIsvZPz+E93fZOzKVNqBbQ9r9tBQ==
                            """)))
    @APIResponse(responseCode = "404", description = "The witness has cosigned no checkpoint of a log with this origin")
    public String checkpoint(@PathParam("origin") String origin) {
        return service.latestCosigned(origin).orElseThrow(() -> ProblemException.notFound(
                "This witness has cosigned no checkpoint of a log with origin " + origin));
    }

    private static LogView view(String origin, WitnessState state) {
        return new LogView(origin, state.size(), Base64.getEncoder().encodeToString(state.rootHash()), state.note());
    }
}
