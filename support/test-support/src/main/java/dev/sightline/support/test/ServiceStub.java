package dev.sightline.support.test;

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
 * A WireMock server standing in for another Sightline service and for Keycloak's token endpoint,
 * on one fixed port so that a test can stop it (the service is down) and start it again at the same
 * address. Subclasses add the service's stubs and the configuration that points the service under
 * test at it; a test's {@code @ServiceStub.Server WireMockServer} field receives the server.
 */
public abstract class ServiceStub implements QuarkusTestResourceLifecycleManager {
    public static final String TOKEN_PATH = "/realms/sightline/protocol/openid-connect/token";

    /** Marks the test's {@link WireMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private final String token;
    private WireMockServer server;

    /** @param token the access token the stubbed token endpoint hands out */
    protected ServiceStub(String token) {
        this.token = token;
    }

    /** The configuration that points the service under test at the stub at {@code url}. */
    protected abstract Map<String, String> config(String url);

    /** Stubs of the service itself, beyond the token endpoint. */
    protected void stubService(WireMockServer server) {
    }

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
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": 300}")));
        stubService(server);
        return config("http://localhost:" + port);
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
