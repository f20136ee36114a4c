package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * One Keycloak everywhere: the system tests and the local run take the root pom's {@code keycloak.version}; the
 * container images of compose and Kubernetes, which cannot read it, must name the same.
 */
class KeycloakVersionTest {
    private static final String IMAGE = "quay.io/keycloak/keycloak:" + Repo.pomProperty("keycloak.version");

    @Test
    void composeRunsTheKeycloakOfThePom() {
        assertEquals(IMAGE, Yaml.document(Repo.COMPOSE).path("services").path("keycloak").path("image").asText());
    }

    @Test
    void kubernetesRunsTheKeycloakOfThePom() {
        JsonNode keycloak = Yaml.document(Repo.BASE.resolve("keycloak/keycloak.yaml"));
        assertEquals(IMAGE, keycloak.path("spec").path("image").asText());
    }
}
