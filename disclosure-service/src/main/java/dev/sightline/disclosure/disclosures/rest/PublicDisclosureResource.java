package dev.sightline.disclosure.disclosures.rest;

import dev.sightline.disclosure.disclosures.DisclosureService;
import dev.sightline.disclosure.disclosures.rest.dto.PublicDisclosurePage;
import dev.sightline.support.rest.QueryParams;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public register of disclosures: anyone may learn which disclosures were published for which jurisdiction and
 * period, which one counts, and the digest and key that let a copy be checked. The reports themselves stay with the
 * regulators and staff who may read them.
 */
@Path("/api/v1/public/disclosures")
@Tag(name = "disclosures", description = "Transparency disclosures: generation, four-eyes publication, downloads")
@PermitAll
public class PublicDisclosureResource {
    private final DisclosureService service;

    PublicDisclosureResource(DisclosureService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the published disclosures' metadata (public, oldest first)",
            description = "Public: no token. Every disclosure that is or was published (PUBLISHED, SUPERSEDED, "
                    + "WITHDRAWN), labelled with its standing, with the digest of its report and the fingerprint of "
                    + "the key that signed it. Never a draft, never the report's content.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = PublicDisclosurePage.class)))
    @APIResponse(responseCode = "400", description = "Unknown jurisdiction, bad cursor or limit",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public PublicDisclosurePage list(
            @Parameter(description = "EU, CN, US or US-CA", example = "EU") @QueryParam("jurisdiction")
            String jurisdiction,
            @Parameter(description = "Cursor: the 'next' of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "100", minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit) {
        return service.publicList(QueryParams.text("jurisdiction", jurisdiction), QueryParams.text("after", after),
                QueryParams.integer("limit", limit, 1));
    }
}
