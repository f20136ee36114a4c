package dev.sightline.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * A nullable property of an object type is generated as {@code type: object} beside {@code anyOf: [$ref, null]}; the
 * {@code type} then refuses the null the {@code anyOf} allows, so a client validating against the contract would
 * reject what the service sends. The type belongs to the referenced schema, so it is dropped beside such an anyOf.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class NullableReferenceFilter implements OASFilter {
    @Override
    public Schema filterSchema(Schema schema) {
        List<Schema> anyOf = schema.getAnyOf();
        List<SchemaType> type = schema.getType();
        if (anyOf != null && type != null && !type.contains(SchemaType.NULL) && anyOf.stream()
                .anyMatch(s -> s.getType() != null && s.getType().contains(SchemaType.NULL))) {
            schema.setType(null);
        }
        return schema;
    }
}
