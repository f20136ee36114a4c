package dev.sightline.partnership.volume;

import dev.sightline.support.test.ServiceStub;
import java.util.Map;

/**
 * Stands in for the audit-service's volume thresholds and Keycloak's token endpoint (the tests stub the thresholds
 * and the rule set), with the activation gate's volume check turned on.
 */
public class AuditThresholdsStub extends ServiceStub {
    public static final String TOKEN = "volume-check-test-token";

    public AuditThresholdsStub() {
        super(TOKEN);
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of(
                "sightline.volume-check.enabled", "true",
                "quarkus.rest-client.audit.url", url,
                "quarkus.oidc-client.auth-server-url", url + "/realms/sightline");
    }
}
