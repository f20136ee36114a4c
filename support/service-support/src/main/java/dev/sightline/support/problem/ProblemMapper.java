package dev.sightline.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.sightline.support.health.DatabaseHealth;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses.
 * Client mistakes name the offending field; server failures say only "internal error" and a
 * correlation id that the log carries with the stack trace. A failure to reach the database (refused, timed out,
 * or any failure while {@link DatabaseHealth} says it is down) is a 503 with {@code Retry-After}, not a 500.
 */
public class ProblemMapper {
    private final BooleanSupplier databaseUp;

    /** A service without a database (the witness) leaves {@link DatabaseHealth} out; then nothing is down. */
    @Inject
    ProblemMapper(Instance<DatabaseHealth> database) {
        this(database.isResolvable() ? database.get()::up : () -> true);
    }

    ProblemMapper(BooleanSupplier databaseUp) {
        this.databaseUp = databaseUp;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(new Problem(Problem.TYPE_PREFIX + e.kind(), e.title(), e.status(),
                e.getMessage(), null, e.errors().isEmpty() ? null : e.errors()));
        if (e.status() == 503) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "2").build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .distinct()
                .toList();
        return invalid(errors);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            ValueInstantiationException.class })
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return respond(new Problem(Problem.TYPE_PREFIX + "malformed-json", "Malformed JSON", 400,
                    "The request body is not valid JSON" + where + ": " + e.getOriginalMessage(), null, null));
        }
        return invalid(List.of(JsonFieldErrors.describe(mapping)));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sightline\"")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_PREFIX + "unauthorized", "Unauthorized", 401,
                        "A valid bearer token is required", null, null))
                .build();
    }

    /** The identity provider cannot be reached to check a token: the caller may retry, nothing is wrong with it. */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e) {
        Log.warnf("Token check failed, identity provider unavailable: %s", e.getMessage());
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, "5").type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_PREFIX + "unavailable", "Service unavailable", 503,
                        "The identity provider cannot be reached to check the token; retry shortly", null, null))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(Problem.TYPE_PREFIX + "forbidden", "Forbidden", 403,
                "The token's roles do not allow this operation", null, null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // The JSON reader reports unparseable bodies as a bare 400 with the parser's exception as cause.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        String title = info.getReasonPhrase() == null ? "Error" : info.getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title : e.getMessage();
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_PREFIX + slug(title), title, status, detail, null, null));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response internal(Throwable e) {
        if (DatabaseHealth.unreachable(e) || !databaseUp.getAsBoolean()) {
            // DatabaseHealth logs when the database goes and comes back; one line per request would drown that
            Log.debugf("Database unavailable: %s", DatabaseHealth.reason(e));
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, "2").type(Problem.MEDIA_TYPE)
                    .entity(new Problem(Problem.TYPE_PREFIX + "unavailable", "Service unavailable", 503,
                            "The database cannot be reached now; retry shortly", null, null))
                    .build();
        }
        String correlationId = UUID.randomUUID().toString();
        Log.errorf(e, "Internal error, correlation id %s", correlationId);
        return respond(new Problem(Problem.TYPE_PREFIX + "internal", "Internal error", 500,
                "Internal error; quote the correlation id when reporting it", correlationId, null));
    }

    static Response invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b).orElse("Invalid request");
        return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400, detail, null, errors));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Drops the method and body-parameter nodes so the path reads as the client's JSON path. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.RETURN_VALUE
                    || (kind == ElementKind.PARAMETER && i < nodes.size() - 1)) {
                continue;
            }
            if (node.isInIterable() && field.length() > 0) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    field.append('[').append(position).append(']');
                }
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                field.append(field.length() > 0 ? "." : "").append(node.getName());
            }
        }
        return field.length() == 0 ? "$" : field.toString();
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
