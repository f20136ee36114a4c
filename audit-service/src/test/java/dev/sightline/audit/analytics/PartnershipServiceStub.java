package dev.sightline.audit.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * Stands in for the partnership-service's policy endpoint and Keycloak's token endpoint on one fixed port, so a
 * test can stop it (the partnership-service is down) and start it again at the same address. Turns the
 * analytics worker on with short intervals.
 */
public class PartnershipServiceStub implements QuarkusTestResourceLifecycleManager {
    public static final String TOKEN = "audit-service-test-token";

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
        String url = "http://localhost:" + port;
        return Map.ofEntries(
                Map.entry("sightline.analytics.enabled", "true"),
                Map.entry("sightline.analytics.poll-interval", "0.1s"),
                Map.entry("sightline.analytics.retry-delay", "PT0.2S"),
                Map.entry("sightline.analytics.max-retry-delay", "PT1S"),
                Map.entry("sightline.analytics.policy-refresh", "PT0.2S"),
                Map.entry("dev.sightline.audit.service.PolicyFetcher/fetch/CircuitBreaker/delay", "1"),
                Map.entry("quarkus.rest-client.partnership.url", url),
                Map.entry("quarkus.oidc-client.auth-server-url", url + "/realms/sightline"));
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
