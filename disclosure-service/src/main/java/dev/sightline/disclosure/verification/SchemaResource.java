package dev.sightline.disclosure.verification;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/schemas/disclosure.json")
@Tag(name = "verification")
public class SchemaResource {
    static final String SCHEMA_JSON = "application/schema+json";

    private final byte[] schema;

    SchemaResource() {
        try (InputStream in = SchemaResource.class.getResourceAsStream("/schemas/disclosure.json")) {
            this.schema = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces({ SCHEMA_JSON, "application/json" })
    @Operation(summary = "The JSON Schema (draft 2020-12) every report.json validates against", description = "Public.")
    @APIResponse(responseCode = "200", description = "The schema", content = @Content(schema = @Schema(type =
            SchemaType.OBJECT)))
    public byte[] schema() {
        return schema;
    }
}
