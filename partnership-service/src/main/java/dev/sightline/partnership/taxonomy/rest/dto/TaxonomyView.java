package dev.sightline.partnership.taxonomy.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole data-category taxonomy and its version. */
@Schema(name = "Taxonomy")
public record TaxonomyView(
        @Schema(example = "2026.1") String version,
        List<DataCategoryView> categories) {
}
