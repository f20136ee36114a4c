package dev.sightline.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error response.
 *
 * @param type a URI naming the kind of problem
 * @param title short, human-readable summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param correlationId for 5xx only: the id under which the server logged the failure
 * @param errors for invalid input: one entry per offending field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "https://sightline.dev/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "recordCount: must be an integer, not a decimal number") String detail,
        @Schema(description = "Present on 5xx: quote it when reporting the failure") String correlationId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** The prefix of every problem {@code type}; the kind follows it. */
    public static final String TYPE_PREFIX = "https://sightline.example/problems/";

    /** A problem without field errors or correlation id. */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, null, null);
    }

    /** One invalid field: a JSON path such as {@code actor.type} or {@code dataCategories[1]}. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(example = "processing.country") String field,
            @Schema(example = "must be an ISO 3166-1 alpha-2 country code") String message) {
    }
}
