package dev.sightline.audit.analytics;

import dev.sightline.support.test.ServiceStub;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for the partnership-service's policy endpoint and Keycloak's token endpoint (the
 * policy stubs are the test's), so a test can take the partnership-service down and bring it back.
 * Turns the analytics worker on with short intervals.
 */
public class PartnershipServiceStub extends ServiceStub {
    public static final String TOKEN = "audit-service-test-token";
    public static final String PARTNER = "0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c";

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

    /**
     * A policy as the partnership-service serves it: revision null for a partnership without a record yet at the
     * instant asked, with the partner {@link #PARTNER} (in CN, a covered person).
     */
    public static String policy(UUID id, Integer revision, String from, String until, String modes, boolean sensitive,
            String markets) {
        return policy(id, revision, from, until, modes, sensitive, markets, "[\"user.content\"]", "[\"DE\"]");
    }

    /** The same with the allowed categories and countries given. */
    public static String policy(UUID id, Integer revision, String from, String until, String modes, boolean sensitive,
            String markets, String categories, String countries) {
        boolean exists = revision != null;
        return "{\"partnershipId\": \"" + id + "\", \"revision\": " + revision + ", \"at\": \"2026-01-01T00:00:00Z\", "
                + "\"status\": " + (exists ? "\"ACTIVE\"" : "null") + ", \"effectiveFrom\": "
                + (exists ? "\"2026-01-01\"" : "null") + ", \"effectiveTo\": null, \"active\": " + exists + ", "
                + "\"allowedCategories\": " + (exists ? categories : "[]") + ", \"forbiddenCategories\": [\"user.biometric\"], "
                + "\"allowedModes\": " + modes + ", \"allowedCountries\": " + (exists ? countries : "[]") + ", "
                + "\"allowedPurposes\": " + (exists ? "[\"voice-assistance\"]" : "[]") + ", \"retentionDays\": 30, "
                + "\"sensitiveAllowed\": " + sensitive + ", \"sensitiveCategories\": [\"user.biometric\", \"user.genomic\", "
                + "\"user.health\", \"user.location.precise\"], \"taxonomyVersion\": \"2026.1\", "
                + "\"revisionValidFrom\": " + (from == null ? "null" : "\"" + from + "\"") + ", \"revisionValidUntil\": "
                + (until == null ? "null" : "\"" + until + "\"") + ", \"partnerId\": " + (exists ? "\"" + PARTNER + "\"" : "null")
                + ", \"partnerCountry\": \"CN\", \"partnerCoveredPerson\": true, \"markets\": " + markets + "}";
    }
}
