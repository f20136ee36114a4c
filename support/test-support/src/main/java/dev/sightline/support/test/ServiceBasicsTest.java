package dev.sightline.support.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.health.DatabaseHealth;
import dev.sightline.support.http.RequestLimits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every Sightline service answers the same way: health with its database, Prometheus metrics on the
 * management interface only, an OpenAPI document that matches the committed contract, problem bodies for unknown
 * paths and for requests over the limits, and the hardening headers. A service's {@code @QuarkusTest} subclass
 * names its module.
 */
public abstract class ServiceBasicsTest {
    @TestHTTPResource("/")
    URL root;

    /** The management interface's root already is {@code /q}. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;

    /** The Maven module, as in {@code ./mvnw -pl <module>}. */
    protected abstract String module();

    /** Its database is watched by the shared bounded check; the datasource's own waits as long as a frozen server. */
    @Test
    void isReadyWithItsDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(DatabaseHealth.NAME))
                .body("checks.name", not(hasItem(containsString("Database connections"))));
    }

    @Test
    void servesPrometheusMetricsOnTheManagementInterfaceOnly() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get(managementMetrics)
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void publishesTitleVersionAndSecuritySchemeInItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Sightline " + module()))
                .body("info.version", equalTo("1.0.0"))
                // the authorization code flow alone, the one the public client sightline-web may use
                .body("components.securitySchemes.keycloak.type", equalTo("oauth2"))
                .body("components.securitySchemes.keycloak.flows.keySet()", equalTo(Set.of("authorizationCode")))
                .body("components.securitySchemes.keycloak.flows.authorizationCode.authorizationUrl",
                        equalTo("http://localhost:8180/realms/sightline/protocol/openid-connect/auth"))
                .body("components.securitySchemes.keycloak.flows.authorizationCode.tokenUrl",
                        equalTo("http://localhost:8180/realms/sightline/protocol/openid-connect/token"))
                .body("components.securitySchemes.keycloak.flows.authorizationCode.scopes.keySet()",
                        equalTo(Set.of("openid")));
    }

    @Test
    void swaggerUiSignsInAsTheWebClientWithPkce() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("clientId: 'sightline-web'"))
                .body(containsString("usePkceWithAuthorizationCodeGrant: true"));
    }

    @Test
    void codeMatchesTheCommittedOpenApiContract() throws IOException {
        OpenApiContract.assertCodeMatchesCommittedContract(module());
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void sendsNoSniffNoStoreAndNoFramingHeaders() {
        given().when().get("/api/v1/no-such-thing").then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "frame-ancestors 'none'");
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void answersATooLongRequestTargetWithA414Problem() {
        String query = "q=" + "a".repeat(RequestLimits.MAX_TARGET_BYTES);
        assertProblem(given().when().get("/api/v1/no-such-thing?" + query), 414, "longer than "
                + RequestLimits.MAX_TARGET_BYTES);
    }

    @Test
    void answersTooLargeHeadersWithA431Problem() {
        var request = given();
        for (int i = 0; i < 20; i++) {
            request.header("X-Padding-" + i, "p".repeat(1000));
        }
        assertProblem(request.when().get("/api/v1/no-such-thing"), 431, "larger than "
                + RequestLimits.MAX_HEADER_BYTES);
    }

    @Test
    void leavesHeadersAndRequestLinesBeyondTheDecoderCeilingToTheDecoderAsBare431And414() throws Exception {
        String padding = "p".repeat(RequestLimits.CEILING_BYTES + 1024);
        assertBare(rawRequest("GET /api/v1/no-such-thing HTTP/1.1\r\nHost: " + root.getHost() + "\r\nX-Padding: "
                + padding + "\r\n\r\n"), 431);
        assertBare(rawRequest("GET /api/v1/no-such-thing?q=" + padding + " HTTP/1.1\r\nHost: " + root.getHost()
                + "\r\n\r\n"), 414);
    }

    /** Sends {@code request} from another thread (the server may answer and close before it has read it all). */
    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // refused before the whole request was read: the answer is what counts
                }
            });
            String response = readResponse(socket.getInputStream());
            sent.cancel(true);
            return response;
        }
    }

    private static void assertBare(String response, int status) {
        // HTTP/1.0 when the decoder could not read the request line
        assertTrue(response.matches("(?s)HTTP/1\\.[01] " + status + " .*"), response);
        assertFalse(response.toLowerCase(Locale.ROOT).contains("application/problem+json"), response);
    }

    @Test
    void answersATooLargeBodyWithA413ProblemWhetherItsLengthIsDeclaredOrChunked() throws Exception {
        long limit = RequestLimits.of(ConfigProvider.getConfig()).maxBodyBytes();
        byte[] body = new byte[(int) limit + 1];
        Arrays.fill(body, (byte) ' ');
        // declared: refused from the Content-Length, before the client sends the body it announced
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/v1/no-such-thing HTTP/1.1\r\nHost: " + root.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTooLarge(readResponse(socket.getInputStream()), limit);
        }
        // chunked: refused as the body passes the limit, over a plain socket to control the chunks exactly
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // sent from another thread: the answer may come before the last chunk is written
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    out.write(("POST /api/v1/no-such-thing HTTP/1.1\r\nHost: " + root.getHost() + "\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int from = 0; from < body.length; from += 65536) {
                        int length = Math.min(65536, body.length - from);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, from, length);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTooLarge(readResponse(socket.getInputStream()), limit);
            sent.cancel(true);
        }
    }

    @Test
    void aClientThatSendsAllOfATooLargeBodyBeforeReadingStillGetsThe413Problem() throws Exception {
        long limit = RequestLimits.of(ConfigProvider.getConfig()).maxBodyBytes();
        // larger than any socket buffer, so that the client is still sending when the answer is written
        byte[] body = new byte[(int) Math.max(limit + 1, 11L * 1024 * 1024)];
        Arrays.fill(body, (byte) ' ');
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/no-such-thing HTTP/1.1\r\nHost: " + root.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body); // a reset while writing (the server closed without reading) fails here
            out.flush();
            assertTooLarge(readResponse(socket.getInputStream()), limit);
        }
    }

    private static void assertTooLarge(String response, long limit) {
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), response);
        assertTrue(response.contains("\"status\":413") && response.contains(limit + " bytes"), response);
    }

    /** The status line, the headers and a body of the given Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void assertProblem(Response response, int status, String detail) {
        response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
    }
}
