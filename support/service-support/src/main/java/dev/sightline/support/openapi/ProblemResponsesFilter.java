package dev.sightline.support.openapi;

import dev.sightline.support.http.RequestLimits;
import dev.sightline.support.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every error response of every operation is an RFC 9457 problem; this states it once in the OpenAPI document
 * instead of on each of the hundreds of error responses. It also adds to every operation the answers of the shared
 * HTTP edge ({@code dev.sightline.support.http}): 414 and 431, and for operations with a body 413 and 415, each
 * naming its limit (and, for 414 and 431, the decoder's ceiling beyond which the answer carries no problem body), and
 * states the limits once more in the document's {@code x-request-limits}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        RequestLimits limits = RequestLimits.of(ConfigProvider.getConfig());
        Map<String, Object> stated = new LinkedHashMap<>();
        stated.put("maxBodyBytes", limits.maxBodyBytes());
        stated.put("maxRequestTargetBytes", RequestLimits.MAX_TARGET_BYTES);
        stated.put("maxHeaderBytes", RequestLimits.MAX_HEADER_BYTES);
        stated.put("decoderCeilingBytes", RequestLimits.CEILING_BYTES);
        openApi.addExtension("x-request-limits", stated);
        openApi.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
                return;
            }
            addLimitResponses(op, limits);
            op.getResponses().getAPIResponses().forEach((code, response) -> {
                if (code.length() == 3 && code.charAt(0) >= '4' && response.getRef() == null
                        && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(problemContent());
                }
            });
        }));
    }

    private static void addLimitResponses(Operation op, RequestLimits limits) {
        APIResponses responses = op.getResponses();
        if (op.getRequestBody() != null) {
            add(responses, "413", "The body is larger than " + RequestLimits.readable(limits.maxBodyBytes()) + " ("
                    + limits.maxBodyBytes() + " bytes), declared or chunked");
            add(responses, "415", "The body's Content-Type is not one this operation reads");
        }
        String ceiling = RequestLimits.readable(RequestLimits.CEILING_BYTES) + " (" + RequestLimits.CEILING_BYTES
                + " bytes)";
        add(responses, "414", "The request target (path and query) is longer than " + RequestLimits.MAX_TARGET_BYTES
                + " bytes. A request line longer than " + ceiling + " is refused by the HTTP server's decoder before "
                + "any application code: a bare 414 without a problem body, and the connection is closed");
        add(responses, "431", "The request headers are larger than " + RequestLimits.MAX_HEADER_BYTES
                + " bytes in all. A header section larger than " + ceiling + " is refused by the HTTP server's decoder "
                + "before any application code: a bare 431 without a problem body, and the connection is closed");
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
