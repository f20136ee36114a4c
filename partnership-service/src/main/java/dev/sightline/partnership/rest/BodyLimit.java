package dev.sightline.partnership.rest;

import dev.sightline.support.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body announced as larger than {@code quarkus.http.limits.max-body-size} with a 413 problem before
 * anything reads it (bodies sent without a length still get the server's plain 413).
 */
@ApplicationScoped
public class BodyLimit {
    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long announced;
            try {
                announced = length == null ? -1 : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                announced = -1;
            }
            if (announced > maxBytes) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(new JsonObject().put("type", "https://sightline.example/problems/payload-too-large")
                                .put("title", "Payload too large").put("status", 413)
                                .put("detail", "The request body has " + announced + " bytes; at most " + maxBytes
                                        + " are accepted")
                                .encode());
                return;
            }
            ctx.next();
        });
    }
}
