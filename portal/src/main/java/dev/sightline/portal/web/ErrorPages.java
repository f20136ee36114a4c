package dev.sightline.portal.web;

import dev.sightline.portal.services.ServiceProblem;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors as pages in plain words. Whatever a service answers 404 for (an unknown id, or one the person may not see)
 * is the same "not found" page, so the page never tells the two apart either.
 */
public class ErrorPages {
    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance error(Failure failure);
    }

    /** What the page says: a heading, the service's words, and the fields at fault. */
    record Failure(int status, String heading, String detail, List<ServiceProblem.FieldError> errors) {
    }

    static Failure notFound() {
        return new Failure(404, "Not found", "There is no such page or disclosure, or it is not one you may see.",
                List.of());
    }

    @ServerExceptionMapper
    public Response serviceProblem(ServiceProblem e) {
        return page(failure(e));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(notFound());
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        Log.warnf("A service could not be reached: %s", e.getMessage());
        return page(new Failure(503, "A service does not answer",
                "The portal could not reach the service that holds this page's data. Try again in a moment.",
                List.of()));
    }

    /** A service's answer in plain words. */
    static Failure failure(ServiceProblem e) {
        ServiceProblem.Problem problem = e.problem();
        return switch (e.status()) {
            case 404 -> notFound();
            case 401 -> new Failure(401, "Please sign in again", "Your sign-in has ended.", List.of());
            case 403 -> new Failure(403, "Not allowed", problem.detail() != null ? problem.detail()
                    : "Your role does not allow this.", List.of());
            default -> e.status() >= 500
                    ? new Failure(503, "A service could not answer", problem.detail() != null ? problem.detail()
                            : problem.title(), List.of())
                    : new Failure(e.status(), problem.title(), problem.detail(), problem.errors());
        };
    }

    static Response page(Failure failure) {
        return Response.status(failure.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(Templates.error(failure).render()).build();
    }
}
