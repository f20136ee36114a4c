package dev.sightline.audit.analytics;

import dev.sightline.support.test.ServiceStub;
import java.util.Map;

/**
 * Stands in for the partnership-service's policy endpoint and Keycloak's token endpoint (the
 * policy stubs are the test's), so a test can take the partnership-service down and bring it back.
 * Turns the analytics worker on with short intervals.
 */
public class PartnershipServiceStub extends ServiceStub {
    public static final String TOKEN = "audit-service-test-token";

    public PartnershipServiceStub() {
        super(TOKEN);
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.ofEntries(
                Map.entry("sightline.analytics.enabled", "true"),
                Map.entry("sightline.analytics.poll-interval", "0.1s"),
                Map.entry("sightline.analytics.retry-delay", "PT0.2S"),
                Map.entry("sightline.analytics.max-retry-delay", "PT1S"),
                Map.entry("sightline.analytics.policy-refresh", "PT0.2S"),
                Map.entry("dev.sightline.audit.analytics.PolicyFetcher/fetch/CircuitBreaker/delay", "1"),
                Map.entry("quarkus.rest-client.partnership.url", url),
                Map.entry("quarkus.oidc-client.auth-server-url", url + "/realms/sightline"));
    }
}
