package dev.sightline.partnership.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Stands in for the audit-service's batch API and Keycloak's token endpoint on one fixed port, so a test can
 * stop it (the audit-service is down) and start it again (it is back) at the same address. Turns the relay on
 * with short intervals.
 */
public class AuditServiceStub implements QuarkusTestResourceLifecycleManager {
    public static final String TOKEN = "relay-test-token";
    public static final String BATCH = "/api/v1/events/batch";

    /** Marks the test's {@link WireMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new WireMockServer(options().port(port));
        server.start();
        server.stubFor(post(urlEqualTo("/realms/sightline/protocol/openid-connect/token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + TOKEN + "\", \"token_type\": \"Bearer\", \"expires_in\": 300}")));
        server.stubFor(post(urlEqualTo(BATCH)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"entries\": []}")));
        String url = "http://localhost:" + port;
        return Map.of(
                "sightline.outbox.enabled", "true",
                "sightline.outbox.poll-interval", "PT0.2S",
                "sightline.outbox.batch-size", "25",
                "sightline.outbox.initial-backoff", "PT0.2S",
                "sightline.outbox.max-backoff", "PT1S",
                "quarkus.rest-client.audit.url", url,
                "quarkus.oidc-client.auth-server-url", url + "/realms/sightline");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
