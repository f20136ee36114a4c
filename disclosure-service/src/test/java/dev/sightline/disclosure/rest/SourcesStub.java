package dev.sightline.disclosure.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.support.test.ServiceStub;
import java.util.Map;

/**
 * One WireMock server standing in for both sources (the partnership-service and the audit-service) and Keycloak's
 * token endpoint. The outbox relay is on, with short intervals, posting to the stubbed batch API.
 */
public class SourcesStub extends ServiceStub {
    public static final String TOKEN = "disclosure-test-token";
    public static final String BATCH = "/api/v1/events/batch";

    public SourcesStub() {
        super(TOKEN);
    }

    @Override
    protected void stubService(WireMockServer server) {
        server.stubFor(post(urlEqualTo(BATCH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"entries\": []}")));
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of(
                "quarkus.rest-client.partnership.url", url,
                "quarkus.rest-client.audit.url", url,
                "quarkus.oidc-client.auth-server-url", url + "/realms/sightline",
                "sightline.disclosure.figures-wait", "PT2S",
                "sightline.outbox.enabled", "true",
                "sightline.outbox.poll-interval", "PT0.2S",
                "sightline.outbox.initial-backoff", "PT0.2S",
                "sightline.outbox.max-backoff", "PT1S");
    }
}
