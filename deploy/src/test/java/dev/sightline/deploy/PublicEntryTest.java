package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How people reach Sightline: the production Ingress gives every Service people use (the three services with their
 * Swagger UI, the portal, Keycloak) a host under TLS, and the realm lets Swagger UI's sign-in come back to each
 * service of the local run, and only there.
 */
class PublicEntryTest {
    private static final String PORTAL = "portal";
    private static final int PORTAL_PORT = 8084;
    private static final String KEYCLOAK_SERVICE = "sightline-keycloak-service";

    @Test
    void everyServicePeopleUseHasAHostUnderTls() {
        Manifests production = Manifests.of(Repo.PRODUCTION);
        Map<String, String> hostByService = new TreeMap<>();
        Set<String> tls = new TreeSet<>();
        for (Resource ingress : production.ofKind("Ingress")) {
            ingress.doc().path("spec").path("tls").forEach(t -> t.path("hosts").forEach(h -> tls.add(h.asText())));
            for (JsonNode rule : ingress.doc().path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode service = path.path("backend").path("service");
                    assertEquals("/", path.path("path").asText(), rule.path("host").asText());
                    hostByService.put(service.path("name").asText(), rule.path("host").asText());
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
    void swaggerUiSignsInAsSightlineWebAndComesBackToTheLocalServicesOnly() {
        JsonNode web = client("sightline-web");
        assertTrue(web.path("publicClient").asBoolean(), "a browser holds no secret");
        assertEquals("S256", web.path("attributes").path("pkce.code.challenge.method").asText());
        List<String> expected = ServiceConfig.SERVICES.keySet().stream().map(name -> ServiceConfig.of(name).port())
                .sorted().map(port -> "http://localhost:" + port + "/q/swagger-ui/oauth2-redirect.html").toList();
        assertEquals(expected, redirectUris(web).stream().sorted().toList(),
                "no wildcard: each service's Swagger UI on its local port (the system tests add their own ports)");
        JsonNode portal = client("sightline-portal");
        assertEquals(List.of("http://localhost:" + PORTAL_PORT + "/*", "http://127.0.0.1:" + PORTAL_PORT + "/*"),
                redirectUris(portal));
    }

    private static List<String> redirectUris(JsonNode client) {
        List<String> uris = new ArrayList<>();
        client.path("redirectUris").forEach(uri -> uris.add(uri.asText()));
        return uris;
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : Yaml.json(Repo.REALM).path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm file");
    }
}
