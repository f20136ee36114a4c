package dev.sightline.portal.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every response: a content security policy that allows only the portal's own scripts, styles, images
 * and connections (no inline script, no other origin, no framing), no content-type sniffing, no referrer to other
 * sites, and pages that are not stored by the browser's cache (they show what one person may see).
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::secure);
    }

    private void secure(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            var headers = context.response().headers();
            headers.set("Content-Security-Policy", POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "same-origin");
            String path = context.request().path();
            if (!path.startsWith("/css/") && !path.startsWith("/js/")) {
                headers.set("Cache-Control", "no-store");
            }
        });
        context.next();
    }
}
