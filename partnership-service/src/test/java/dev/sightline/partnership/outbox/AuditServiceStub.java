package dev.sightline.partnership.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.support.test.ServiceStub;
import java.util.Map;

/**
 * Stands in for the audit-service's batch API and Keycloak's token endpoint, so a test can take the
 * audit-service down and bring it back. Turns the relay on with short intervals.
 */
public class AuditServiceStub extends ServiceStub {
    public static final String TOKEN = "relay-test-token";
    public static final String BATCH = "/api/v1/events/batch";

    public AuditServiceStub() {
        super(TOKEN);
    }

    @Override
    protected void stubService(WireMockServer server) {
        server.stubFor(post(urlEqualTo(BATCH)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"entries\": []}")));
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of(
                "sightline.outbox.enabled", "true",
                "sightline.outbox.poll-interval", "PT0.2S",
                "sightline.outbox.batch-size", "25",
                "sightline.outbox.initial-backoff", "PT0.2S",
                "sightline.outbox.max-backoff", "PT1S",
                "quarkus.rest-client.audit.url", url,
                "quarkus.oidc-client.auth-server-url", url + "/realms/sightline");
    }
}
