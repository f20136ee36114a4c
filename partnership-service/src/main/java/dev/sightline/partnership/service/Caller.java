package dev.sightline.partnership.service;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as the audit log names actors: Keycloak names a client's service account
 * {@code service-account-<client>}, so those are SERVICE and everyone else is USER.
 */
public record Caller(String id, Type type) {
    public enum Type { USER, SERVICE }

    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public static Caller of(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        return new Caller(name, name.startsWith(SERVICE_ACCOUNT_PREFIX) ? Type.SERVICE : Type.USER);
    }
}
