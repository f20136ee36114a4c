package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How people reach Sightline: the production Ingress gives every Service people use (the three services with their
 * Swagger UI, the portal, Keycloak) a host under TLS; sign-in comes back to those hosts over https in production
 * (the realm import) and to the local ports in the local run (the realm file); the services tell Swagger UI the
 * public Keycloak's discovery document, and the portal asks for https redirects behind the Ingress.
 */
class PublicEntryTest {
    private static final String PORTAL = RealmImportTest.PORTAL;
    private static final String SIGN_IN_URL = "SIGHTLINE_OPENAPI_OPENID_CONNECT_URL";
    private static final String HTTPS_REDIRECT = "PORTAL_HTTPS_REDIRECT";
    private static final int PORTAL_PORT = 8084;
    private static final String KEYCLOAK_SERVICE = "sightline-keycloak-service";

    @Test
    void everyServicePeopleUseHasAHostUnderTls() {
        Manifests production = Manifests.of(Repo.PRODUCTION);
        Map<String, String> hostByService = RealmImportTest.productionHosts();
        Set<String> tls = new TreeSet<>();
        for (Resource ingress : production.ofKind("Ingress")) {
            ingress.doc().path("spec").path("tls").forEach(t -> t.path("hosts").forEach(h -> tls.add(h.asText())));
            for (JsonNode rule : ingress.doc().path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode service = path.path("backend").path("service");
                    assertEquals("/", path.path("path").asText(), rule.path("host").asText());
                    if (!service.path("name").asText().equals(KEYCLOAK_SERVICE)) {
                        assertEquals("http", service.path("port").path("name").asText(),
                                service.path("name") + ": the Service's port named http");
                    }
                }
            }
        }
        Set<String> expected = new TreeSet<>(ServiceConfig.SERVICES.keySet());
        expected.add(PORTAL);
        expected.add(KEYCLOAK_SERVICE);
        assertEquals(expected, hostByService.keySet(), "Services with a host in the production Ingress");
        assertEquals(new TreeSet<>(hostByService.values()), tls, "every host, and only those, under TLS");
        for (String service : expected) {
            if (!service.equals(KEYCLOAK_SERVICE)) {
                assertTrue(production.ofKind("Service").stream().anyMatch(r -> r.name().equals(service)),
                        "a Service " + service + " behind the Ingress");
            }
        }
    }

    @Test
    void locallySwaggerUiAndThePortalComeBackToTheLocalPortsOnly() {
        JsonNode web = client(Yaml.json(Repo.REALM), RealmImportTest.SWAGGER_UI_CLIENT);
        assertTrue(web.path("publicClient").asBoolean(), "a browser holds no secret");
        assertEquals("S256", web.path("attributes").path("pkce.code.challenge.method").asText());
        List<String> expected = ServiceConfig.SERVICES.keySet().stream().map(name -> ServiceConfig.of(name).port())
                .sorted().map(port -> "http://localhost:" + port + RealmImportTest.SWAGGER_UI_REDIRECT).toList();
        assertEquals(expected, redirectUris(web).stream().sorted().toList(),
                "no wildcard: each service's Swagger UI on its local port (the system tests add their own ports)");
        JsonNode portal = client(Yaml.json(Repo.REALM), RealmImportTest.PORTAL_CLIENT);
        assertEquals(List.of("http://localhost:" + PORTAL_PORT + "/*", "http://127.0.0.1:" + PORTAL_PORT + "/*"),
                redirectUris(portal));
    }

    @Test
    void inProductionSignInComesBackToThePublicHostsOverHttpsAndNeverToLocalhost() {
        Map<String, String> hosts = RealmImportTest.productionHosts();
        JsonNode realm = Yaml.document(Repo.REALM_IMPORT).path("spec").path("realm");
        JsonNode web = client(realm, RealmImportTest.SWAGGER_UI_CLIENT);
        assertTrue(web.path("publicClient").asBoolean(), "a browser holds no secret");
        assertEquals("S256", web.path("attributes").path("pkce.code.challenge.method").asText());
        assertEquals(List.of("https://audit.sightline.example/q/swagger-ui/oauth2-redirect.html",
                "https://disclosures.sightline.example/q/swagger-ui/oauth2-redirect.html",
                "https://partnerships.sightline.example/q/swagger-ui/oauth2-redirect.html"),
                redirectUris(web).stream().sorted().toList(), "each service's Swagger UI at its Ingress host");
        JsonNode portal = client(realm, RealmImportTest.PORTAL_CLIENT);
        assertEquals(List.of("https://" + hosts.get(PORTAL) + "/*"), redirectUris(portal));
        assertEquals("https://portal.sightline.example/*", redirectUris(portal).get(0));
        for (JsonNode client : List.of(web, portal)) {
            assertEquals(List.of("+"), strings(client.path("webOrigins")), "the origins of the redirect URIs");
        }
        assertFalse(realm.toString().contains("localhost") || realm.toString().contains("127.0.0.1"),
                "no local address in the production realm");
    }

    @Test
    void inProductionSwaggerUiAndThePortalSendBrowsersToThePublicKeycloak() {
        Manifests base = Manifests.of(Repo.BASE);
        String keycloak = base.ofKind("Keycloak").get(0).doc().path("spec").path("hostname").path("hostname").asText();
        assertEquals("https://" + RealmImportTest.productionHosts().get(KEYCLOAK_SERVICE), keycloak,
                "Keycloak's public URL is its Ingress host");
        String discovery = keycloak + "/realms/sightline/.well-known/openid-configuration";
        for (String service : ServiceConfig.SERVICES.keySet()) {
            ServiceConfig config = ServiceConfig.of(service);
            assertTrue(config.variables().containsKey(SIGN_IN_URL), service + " reads " + SIGN_IN_URL);
            assertEquals(Optional.of(discovery), Workload.of(config, base).plainValue(SIGN_IN_URL),
                    service + ": Swagger UI's Authorize signs in at the public Keycloak");
        }
        // the portal asks Keycloak to send the browser back over https (TLS ends at the Ingress)
        Resource deployment = base.get("Deployment", PORTAL);
        JsonNode container = Workload.podSpec(deployment.doc()).path("containers").get(0);
        String map = null;
        for (JsonNode entry : container.path("env")) {
            if (entry.path("name").asText().equals(HTTPS_REDIRECT)) {
                map = entry.path("valueFrom").path("configMapKeyRef").path("name").asText();
            }
        }
        assertEquals("portal-config", map, PORTAL + " reads " + HTTPS_REDIRECT + " from its ConfigMap");
        assertEquals("true", base.get("ConfigMap", "portal-config").doc().path("data").path(HTTPS_REDIRECT).asText());
        assertTrue(Repo.read(Repo.ROOT.resolve("portal/src/main/resources/application.properties"))
                .contains("quarkus.oidc.authentication.force-redirect-https-scheme=${" + HTTPS_REDIRECT + ":false}"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> redirectUris(JsonNode client) {
        return strings(client.path("redirectUris"));
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm file");
    }
}
