package dev.sightline.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Swagger UI offers every grant an {@code openIdConnect} scheme's discovery document advertises (password, client
 * credentials, implicit...), and all but one fail for the public client {@code sightline-web}. This makes each
 * {@code openIdConnect} scheme of the built document (the one {@code quarkus.smallrye-openapi.security-scheme=oidc}
 * declares) an {@code oauth2} scheme with the authorization code flow alone, at the same realm; Swagger UI adds PKCE
 * ({@code quarkus.swagger-ui.oauth-use-pkce-with-authorization-code-grant}). {@link SignInUrlFilter} moves it to the
 * realm browsers reach where that is not the local one.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CodeFlowSchemeFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null) {
            return;
        }
        for (SecurityScheme scheme : openApi.getComponents().getSecuritySchemes().values()) {
            String discovery = scheme.getOpenIdConnectUrl();
            // a scheme that names no realm (one Quarkus derives for a service without sign-in) is left as it is
            if (scheme.getType() == SecurityScheme.Type.OPENIDCONNECT && discovery != null) {
                scheme.type(SecurityScheme.Type.OAUTH2).openIdConnectUrl(null)
                        .flows(OASFactory.createOAuthFlows().authorizationCode(SignInUrlFilter.codeFlow(discovery)));
            }
        }
    }
}
