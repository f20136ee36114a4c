package dev.sightline.support.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.support.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The first handlers of every request on the main HTTP port. They refuse a request target, a header section or a
 * body over {@link RequestLimits} with a problem (414, 431, 413; the body counted as it arrives, so chunked bodies
 * too), and give every response the headers that keep browsers from sniffing a content type or framing a page, and
 * API responses {@code Cache-Control: no-store}.
 */
@ApplicationScoped
public class HttpGuard {
    /**
     * After a refusal that closes the connection, what the client still sends is read and dropped up to this many
     * bytes or this long: closing with unread bytes makes the kernel reset the connection, and a reset can destroy
     * the answer before the client (still sending its body) reads it.
     */
    static final long DRAIN_BYTES = 32L * 1024 * 1024;
    static final long DRAIN_MILLIS = 3000;

    private static final Map<Integer, String> TITLES = Map.of(413, "Content Too Large", 414, "URI Too Long",
            431, "Request Header Fields Too Large");

    private final ObjectMapper json;
    private final RequestLimits limits;
    private final BodyHandler chunkedBodies;

    HttpGuard(ObjectMapper json, Config config) {
        this.json = json;
        this.limits = RequestLimits.of(config);
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes())
                .setDeleteUploadedFilesOnEnd(true);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::guard);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    private void guard(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> secure(context));
        if (context.request().uri().length() > RequestLimits.MAX_TARGET_BYTES) {
            refuse(context, 414, "The request target (path and query) is longer than "
                    + RequestLimits.MAX_TARGET_BYTES + " bytes", true);
            return;
        }
        if (headerBytes(context.request().headers()) > RequestLimits.MAX_HEADER_BYTES) {
            refuse(context, 431, "The request headers are larger than " + RequestLimits.MAX_HEADER_BYTES
                    + " bytes in all", true);
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            refuse(context, 413, bodyTooLarge(), true);
            return;
        }
        if (length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // A chunked body is read here, before the REST layer (which then takes it from here), and fails
            // with 413 as it passes the limit; the body handler goes on to the next handler when it is read.
            chunkedBodies.handle(context);
            return;
        }
        context.next();
    }

    private void failure(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            // The body handler reads and drops the rest of the body, so the connection stays in step.
            refuse(context, 413, bodyTooLarge(), false);
            return;
        }
        context.next();
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > limits.maxBodyBytes();
        } catch (NumberFormatException e) {
            return false; // the HTTP decoder refuses a malformed Content-Length before it gets here
        }
    }

    private String bodyTooLarge() {
        return "The request body is larger than " + RequestLimits.readable(limits.maxBodyBytes()) + " ("
                + limits.maxBodyBytes() + " bytes)";
    }

    /** Answers with a problem; {@code close} closes the connection when what the client sends next is not read. */
    private void refuse(RoutingContext context, int status, String detail, boolean close) {
        String title = TITLES.get(status);
        String kind = title.toLowerCase(Locale.ROOT).replace(' ', '-');
        byte[] body;
        try {
            body = json.writeValueAsBytes(Problem.of(kind, title, status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerResponse response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (close) {
            response.endHandler(ignored -> drainThenClose(context));
        }
        response.end(Buffer.buffer(body));
    }

    /** Reads and drops the rest of the request, within {@link #DRAIN_BYTES} and {@link #DRAIN_MILLIS}, then closes. */
    private static void drainThenClose(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = context.vertx().setTimer(DRAIN_MILLIS, ignored -> connection.close());
        long[] drained = {0};
        Runnable close = () -> {
            context.vertx().cancelTimer(timer);
            connection.close();
        };
        request.exceptionHandler(ignored -> close.run());
        request.endHandler(ignored -> close.run());
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_BYTES) {
                close.run();
            }
        });
        request.resume();
    }

    private static void secure(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        }
        if (context.request().path() != null && context.request().path().startsWith("/api/")
                && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    /** The header section's size as the decoder counts it: each {@code name: value} line. */
    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + 2 + header.getValue().length();
        }
        return bytes;
    }
}
