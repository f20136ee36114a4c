package dev.sightline.partnership.taxonomy.rest;

import dev.sightline.partnership.taxonomy.Taxonomy;
import dev.sightline.partnership.taxonomy.rest.dto.DataCategoryView;
import dev.sightline.partnership.taxonomy.rest.dto.TaxonomyView;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/taxonomy")
@Tag(name = "taxonomy", description = "The fixed data-category taxonomy")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TaxonomyResource {
    private final Taxonomy taxonomy;

    TaxonomyResource(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @GET
    @Path("/data-categories")
    @RolesAllowed({ Roles.PARTNERSHIP_MANAGER, Roles.PARTNERSHIP_VIEWER, Roles.AUDITOR })
    @Operation(summary = "The data-category taxonomy",
            description = "Roles: partnership-manager, partnership-viewer, auditor. Dotted keys; a key allows its "
                    + "children. Each category's sensitivity and mapping to GDPR Art. 9, PIPL sensitive personal "
                    + "information, the US bulk-data rule and CCPA sensitive personal information.")
    @APIResponse(responseCode = "200", description = "The taxonomy and its version",
            content = @Content(schema = @Schema(implementation = TaxonomyView.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public TaxonomyView dataCategories() {
        return new TaxonomyView(taxonomy.version(), taxonomy.categories().stream()
                .map(DataCategoryView::of)
                .toList());
    }
}
