package dev.sightline.disclosure.verification;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The offline verifier, runnable with {@code java -jar}, and its SHA-256, for anyone without a sign-in. The build
 * copies the verifier module's runnable jar into this service's classes ({@code verifier/sightline-verifier.jar}),
 * so the jar served is the one built with the service.
 */
@Path("/api/v1/verifier")
@Tag(name = "verification")
public class VerifierResource {
    static final String JAR = "sightline-verifier.jar";
    static final String JAVA_ARCHIVE = "application/java-archive";
    static final String EXAMPLE_LINE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  " + JAR;

    private final byte[] jar;
    private final String sha256;

    VerifierResource() {
        try (InputStream in = VerifierResource.class.getResourceAsStream("/verifier/" + JAR)) {
            if (in == null) {
                throw new IllegalStateException("verifier/" + JAR + " is not on the class path: build the service "
                        + "with the verifier module (-am)");
            }
            this.jar = in.readAllBytes();
            this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @GET
    @Path("/" + JAR)
    @Produces(JAVA_ARCHIVE)
    @Operation(summary = "The offline verifier of downloaded disclosures (java -jar, Java 17 or newer)",
            description = "Public. Checks a report.json, report.pdf or report.csv with the published keys and, for the "
                    + "CSV, the disclosure's signed manifest; compare its SHA-256 with " + JAR + ".sha256.")
    @APIResponse(responseCode = "200", description = "The runnable jar", content = @Content(
            mediaType = JAVA_ARCHIVE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response jar() {
        return Response.ok(jar).header("Content-Disposition", "attachment; filename=\"" + JAR + "\"").build();
    }

    @GET
    @Path("/" + JAR + ".sha256")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The jar's SHA-256 in sha256sum format", description = "Public. One line, the lowercase hex "
            + "digest, two spaces and the file name, so sha256sum -c checks a download saved as " + JAR + ".")
    @APIResponse(responseCode = "200", description = "The digest line", content = @Content(
            mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, example = EXAMPLE_LINE)))
    public String sha256() {
        return sha256 + "  " + JAR + "\n";
    }
}
