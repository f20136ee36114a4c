package dev.sightline.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Where Swagger UI's Authorize signs people in. The document is built with the local Keycloak (what the committed
 * contract states): {@link CodeFlowSchemeFilter} makes its security scheme an {@code oauth2} one with the
 * authorization code flow alone, the one flow the public client {@code sightline-web} may use. Where browsers reach
 * Keycloak elsewhere, {@value #PROPERTY} (environment {@code SIGHTLINE_OPENAPI_OPENID_CONNECT_URL}) names the realm's
 * discovery document and this filter puts that realm's authorization and token endpoints in the served document when
 * the service starts.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class SignInUrlFilter implements OASFilter {
    /** The OpenID Connect discovery URL browsers use, e.g. {@code https://id.example.com/realms/sightline/.well-known/openid-configuration}. */
    public static final String PROPERTY = "sightline.openapi.openid-connect-url";
    private static final String DISCOVERY = "/.well-known/openid-configuration";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        apply(openApi, ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class));
    }

    /** Puts the configured realm's endpoints, when there is one, in every authorization code flow of the document. */
    static void apply(OpenAPI openApi, Optional<String> configured) {
        Optional<String> url = configured.filter(value -> !value.isBlank());
        if (url.isEmpty() || openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null) {
            return;
        }
        OAuthFlow endpoints = codeFlow(url.get());
        for (SecurityScheme scheme : openApi.getComponents().getSecuritySchemes().values()) {
            if (scheme.getType() == SecurityScheme.Type.OAUTH2 && scheme.getFlows() != null
                    && scheme.getFlows().getAuthorizationCode() != null) {
                scheme.getFlows().getAuthorizationCode().authorizationUrl(endpoints.getAuthorizationUrl())
                        .tokenUrl(endpoints.getTokenUrl());
            }
        }
    }

    /**
     * The authorization code flow of the Keycloak realm whose discovery document is at {@code discoveryUrl}: its
     * authorization and token endpoints, and the scope {@code openid}.
     */
    static OAuthFlow codeFlow(String discoveryUrl) {
        if (!discoveryUrl.endsWith(DISCOVERY)) {
            throw new IllegalArgumentException(PROPERTY + " must end with " + DISCOVERY + ": " + discoveryUrl);
        }
        String realm = discoveryUrl.substring(0, discoveryUrl.length() - DISCOVERY.length());
        return OASFactory.createOAuthFlow().authorizationUrl(realm + "/protocol/openid-connect/auth")
                .tokenUrl(realm + "/protocol/openid-connect/token")
                .scopes(Map.of("openid", "OpenID Connect sign-in"));
    }
}
