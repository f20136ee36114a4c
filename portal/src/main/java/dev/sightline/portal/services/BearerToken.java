package dev.sightline.portal.services;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sends the signed-in person's access token (the one Keycloak issued to the portal at sign-in) with every call to a
 * service; anonymous pages call the services' public endpoints without one. The one place a token leaves the portal.
 */
public class BearerToken implements ClientRequestFilter {
    private final SecurityIdentity identity;

    BearerToken(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (identity.isAnonymous()) {
            return;
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
