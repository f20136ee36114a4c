package dev.sightline.support.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;

/** Swagger UI's sign-in: the authorization code flow alone, at the realm browsers reach. */
class SignInUrlFilterTest {
    private static final String LOCAL = "http://localhost:8180/realms/sightline";
    private static final String PUBLIC = "https://auth.sightline.example/realms/sightline";
    private static final String DISCOVERY = "/.well-known/openid-configuration";

    /** What quarkus.smallrye-openapi.security-scheme=oidc builds, and another scheme to be left alone. */
    private static OpenAPI document() {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSecurityScheme("keycloak", OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                        .openIdConnectUrl(LOCAL + DISCOVERY))
                .addSecurityScheme("other", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }

    private static OpenAPI built() {
        OpenAPI openApi = document();
        new CodeFlowSchemeFilter().filterOpenAPI(openApi);
        return openApi;
    }

    @Test
    void theBuiltSchemeOffersTheAuthorizationCodeFlowOfTheRealmAlone() {
        SecurityScheme scheme = built().getComponents().getSecuritySchemes().get("keycloak");
        assertEquals(SecurityScheme.Type.OAUTH2, scheme.getType());
        assertNull(scheme.getOpenIdConnectUrl(), "no discovery document: Swagger UI would offer each grant it lists");
        assertNull(scheme.getFlows().getImplicit());
        assertNull(scheme.getFlows().getPassword());
        assertNull(scheme.getFlows().getClientCredentials());
        OAuthFlow code = scheme.getFlows().getAuthorizationCode();
        assertEquals(LOCAL + "/protocol/openid-connect/auth", code.getAuthorizationUrl());
        assertEquals(LOCAL + "/protocol/openid-connect/token", code.getTokenUrl());
        assertEquals(List.of("openid"), List.copyOf(code.getScopes().keySet()));
        assertEquals(SecurityScheme.Type.HTTP, built().getComponents().getSecuritySchemes().get("other").getType());
    }

    @Test
    void aSchemeThatNamesNoRealmIsLeftAsItIs() {
        OpenAPI openApi = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSecurityScheme(
                "SecurityScheme", OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)));
        new CodeFlowSchemeFilter().filterOpenAPI(openApi);
        SecurityScheme scheme = openApi.getComponents().getSecuritySchemes().get("SecurityScheme");
        assertEquals(SecurityScheme.Type.OPENIDCONNECT, scheme.getType());
        assertNull(scheme.getFlows());
    }

    @Test
    void theConfiguredRealmReplacesTheBuiltOnesEndpoints() {
        OpenAPI openApi = built();
        SignInUrlFilter.apply(openApi, Optional.of(PUBLIC + DISCOVERY));
        OAuthFlow code = openApi.getComponents().getSecuritySchemes().get("keycloak").getFlows().getAuthorizationCode();
        assertEquals(PUBLIC + "/protocol/openid-connect/auth", code.getAuthorizationUrl());
        assertEquals(PUBLIC + "/protocol/openid-connect/token", code.getTokenUrl());
        assertEquals(Map.of("openid", "OpenID Connect sign-in"), code.getScopes());
        assertNull(openApi.getComponents().getSecuritySchemes().get("other").getFlows());
    }

    @Test
    void withoutAConfiguredUrlTheDocumentKeepsTheBuiltOne() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(" "))) {
            OpenAPI openApi = built();
            SignInUrlFilter.apply(openApi, none);
            assertEquals(LOCAL + "/protocol/openid-connect/auth", openApi.getComponents().getSecuritySchemes()
                    .get("keycloak").getFlows().getAuthorizationCode().getAuthorizationUrl());
        }
        SignInUrlFilter.apply(OASFactory.createOpenAPI(), Optional.of(PUBLIC + DISCOVERY)); // no components
        new CodeFlowSchemeFilter().filterOpenAPI(OASFactory.createOpenAPI());
    }

    @Test
    void aUrlThatIsNoDiscoveryDocumentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SignInUrlFilter.apply(built(), Optional.of(PUBLIC)));
    }
}
