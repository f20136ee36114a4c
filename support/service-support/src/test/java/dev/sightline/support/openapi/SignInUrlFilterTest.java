package dev.sightline.support.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;

class SignInUrlFilterTest {
    private static final String LOCAL = "http://localhost:8180/realms/sightline/.well-known/openid-configuration";
    private static final String PUBLIC = "https://auth.sightline.example/realms/sightline/.well-known/openid-configuration";

    private static OpenAPI document() {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSecurityScheme("keycloak", OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                        .openIdConnectUrl(LOCAL))
                .addSecurityScheme("other", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }

    @Test
    void theConfiguredUrlReplacesTheBuiltOneInOpenIdConnectSchemesOnly() {
        OpenAPI openApi = document();
        SignInUrlFilter.apply(openApi, Optional.of(PUBLIC));
        assertEquals(PUBLIC, openApi.getComponents().getSecuritySchemes().get("keycloak").getOpenIdConnectUrl());
        assertEquals(null, openApi.getComponents().getSecuritySchemes().get("other").getOpenIdConnectUrl());
    }

    @Test
    void withoutAConfiguredUrlTheDocumentKeepsTheBuiltOne() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(" "))) {
            OpenAPI openApi = document();
            SignInUrlFilter.apply(openApi, none);
            assertEquals(LOCAL, openApi.getComponents().getSecuritySchemes().get("keycloak").getOpenIdConnectUrl());
        }
        SignInUrlFilter.apply(OASFactory.createOpenAPI(), Optional.of(PUBLIC)); // no components: nothing to do
    }
}
