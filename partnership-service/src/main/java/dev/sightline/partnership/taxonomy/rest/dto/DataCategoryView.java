package dev.sightline.partnership.taxonomy.rest.dto;

import dev.sightline.partnership.taxonomy.Taxonomy.Category;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A taxonomy category and what it is under each regime. */
@Schema(name = "DataCategory", example = """
        {"key": "user.location.precise", "name": "Precise geolocation", "parent": "user.location", "sensitive": true,
         "gdprArt9": null, "piplSensitive": true, "usBulkData": "PRECISE_GEOLOCATION", "ccpaSensitive": true}""")
public record DataCategoryView(
        String key,
        String name,
        @Schema(description = "The parent key; null for a top-level category", nullable = true) String parent,
        boolean sensitive,
        @Schema(description = "GDPR Art. 9 special category (BIOMETRIC, HEALTH, GENETIC); null if none",
                nullable = true) String gdprArt9,
        @Schema(description = "Sensitive personal information under PIPL Art. 28") boolean piplSensitive,
        @Schema(description = "US bulk-data rule category (BIOMETRIC, PRECISE_GEOLOCATION, HEALTH, FINANCIAL, COVERED_PERSONAL_IDENTIFIERS, GENOMIC); null if none",
                nullable = true)
        String usBulkData,
        @Schema(description = "Sensitive personal information under the CCPA") boolean ccpaSensitive) {

    public static DataCategoryView of(Category c) {
        return new DataCategoryView(c.key(), c.name(), c.parent(), c.sensitive(), c.gdprArt9(), c.piplSensitive(),
                c.usBulkData(), c.ccpaSensitive());
    }
}
