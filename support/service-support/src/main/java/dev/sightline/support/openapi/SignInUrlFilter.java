package dev.sightline.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The OpenAPI document is built with the local Keycloak's discovery URL in its {@code openIdConnect} security scheme
 * (what the committed contract states); where browsers reach Keycloak elsewhere, {@value #PROPERTY} (environment
 * {@code SIGHTLINE_OPENAPI_OPENID_CONNECT_URL}) names its discovery document and this filter puts it in the served
 * document when the service starts, so Swagger UI's Authorize signs in there.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class SignInUrlFilter implements OASFilter {
    /** The OpenID Connect discovery URL browsers use, e.g. {@code https://id.example.com/realms/sightline/.well-known/openid-configuration}. */
    public static final String PROPERTY = "sightline.openapi.openid-connect-url";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        apply(openApi, ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class));
    }

    /** Puts the URL, when there is one, in every {@code openIdConnect} security scheme of the document. */
    static void apply(OpenAPI openApi, Optional<String> configured) {
        Optional<String> url = configured.filter(value -> !value.isBlank());
        if (url.isEmpty() || openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null) {
            return;
        }
        openApi.getComponents().getSecuritySchemes().values().stream()
                .filter(scheme -> scheme.getType() == SecurityScheme.Type.OPENIDCONNECT)
                .forEach(scheme -> scheme.setOpenIdConnectUrl(url.get()));
    }
}
