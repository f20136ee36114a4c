package dev.sightline.support.openapi;

import dev.sightline.support.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;

/**
 * Every error response of every operation is an RFC 9457 problem; this states it once in the
 * OpenAPI document instead of on each of the hundreds of error responses.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        openApi.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
                return;
            }
            op.getResponses().getAPIResponses().forEach((code, response) -> {
                if (code.length() == 3 && code.charAt(0) >= '4' && response.getRef() == null
                        && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(problemContent());
                }
            });
        }));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
