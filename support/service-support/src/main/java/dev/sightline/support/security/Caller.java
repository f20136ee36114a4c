package dev.sightline.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;

/**
 * Who is calling: the name the audit log and the four-eyes rule use, whether it is a service account (Keycloak
 * names a client's service account {@code service-account-<client>}), and for a regulator the jurisdictions its
 * token grants.
 */
public record Caller(String id, boolean service, RegulatorScope scope) {
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public static Caller of(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        return new Caller(name, name.startsWith(SERVICE_ACCOUNT_PREFIX), RegulatorScope.of(identity));
    }

    /** The audit log's actor type: {@code SERVICE} or {@code USER}. */
    public String actorType() {
        return service ? "SERVICE" : "USER";
    }

    /** A regulator, whose view is limited to its jurisdictions. */
    public boolean regulator() {
        return scope.scoped();
    }

    public Set<String> jurisdictions() {
        return scope.jurisdictions();
    }

    public boolean mayRead(String jurisdiction) {
        return scope.mayRead(jurisdiction);
    }
}
