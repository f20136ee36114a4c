package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/compose/compose.yaml runs what the local run runs, wired the same way. */
class ComposeTest {
    private static final JsonNode COMPOSE = Yaml.document(Repo.COMPOSE);
    private static final JsonNode SERVICES = COMPOSE.path("services");

    static Stream<ServiceConfig> services() {
        return ServiceDeploymentTest.services();
    }

    @Test
    void runsPostgresKeycloakAndTheThreeServices() {
        Set<String> expected = new TreeSet<>(ServiceConfig.SERVICES.keySet());
        expected.add("postgres");
        expected.add("keycloak");
        Set<String> actual = new TreeSet<>();
        SERVICES.fieldNames().forEachRemaining(actual::add);
        assertTrue(actual.containsAll(expected), "compose services " + actual + " lack some of " + expected);
        assertEquals("postgres:17", SERVICES.path("postgres").path("image").asText());
    }

    @Test
    void publishesOnLoopbackOnlyAndBoundsEveryJvmsMemory() {
        List<String> problems = new ArrayList<>();
        SERVICES.properties().forEach(entry -> {
            for (String port : Manifests.texts(entry.getValue().path("ports"))) {
                if (!port.startsWith("127.0.0.1:")) {
                    problems.add(entry.getKey() + " publishes " + port + " on every interface");
                }
            }
            boolean jvm = ServiceConfig.SERVICES.containsKey(entry.getKey()) || entry.getKey().equals("keycloak");
            if (jvm && entry.getValue().path("mem_limit").asText().isBlank()) {
                problems.add(entry.getKey() + " has no mem_limit, so its heap grows to a share of the machine");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void keycloakImportsTheRealmFileOfTheRepository() {
        JsonNode keycloak = SERVICES.path("keycloak");
        assertEquals(Manifests.of(Repo.BASE).ofKind("Keycloak").get(0).doc().path("spec").path("image").asText(),
                keycloak.path("image").asText(), "one Keycloak version for compose and Kubernetes");
        List<String> command = Manifests.texts(keycloak.path("command"));
        assertTrue(command.contains("start-dev") && command.contains("--import-realm"), "command " + command);
        boolean mounted = false;
        for (JsonNode volume : keycloak.path("volumes")) {
            String[] parts = volume.asText().split(":");
            Path source = Repo.COMPOSE.getParent().resolve(parts[0]).normalize();
            if (source.equals(Repo.REALM) && parts.length > 1 && parts[1].startsWith("/opt/keycloak/data/import/")) {
                mounted = Files.isRegularFile(source);
            }
        }
        assertTrue(mounted, "the realm file is not mounted into /opt/keycloak/data/import/");
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsTheJibImageOnTheConfiguredPort(ServiceConfig service) {
        JsonNode compose = SERVICES.path(service.name());
        assertTrue(compose.path("image").asText().startsWith("sightline/" + service.name() + ":"),
                "image " + compose.path("image").asText() + " is not what the Jib build makes (sightline/" + service.name() + ")");
        String mapping = service.port() + ":" + service.port();
        assertTrue(Manifests.texts(compose.path("ports")).stream().anyMatch(p -> p.endsWith(mapping)),
                service.name() + " does not publish " + mapping);
    }

    @ParameterizedTest
    @MethodSource("services")
    void setsTheVariablesTheServiceNeedsAndNoOthers(ServiceConfig service) {
        JsonNode environment = SERVICES.path(service.name()).path("environment");
        assertTrue(environment.isObject(), "environment as a map");
        List<String> missing = new ArrayList<>();
        for (String variable : service.required()) {
            if (environment.path(variable).asText().isBlank()) {
                missing.add(variable);
            }
        }
        assertEquals(List.of(), missing, service.name() + " needs these");
        Set<String> unknown = new TreeSet<>();
        environment.fieldNames().forEachRemaining(unknown::add);
        unknown.removeAll(service.variables().keySet());
        assertEquals(Set.of(), unknown, service.name() + "'s application.properties reads none of these");
    }

    @ParameterizedTest
    @MethodSource("services")
    void urlsNameComposeServicesOnTheirPorts(ServiceConfig service) {
        JsonNode environment = SERVICES.path(service.name()).path("environment");
        String browserKeycloak = SERVICES.path("keycloak").path("environment").path("KC_HOSTNAME").asText();
        List<String> problems = new ArrayList<>();
        for (var entry : environment.properties()) {
            String value = entry.getValue().asText();
            if (!entry.getKey().endsWith("_URL") || value.startsWith(browserKeycloak + "/")) {
                continue; // a URL for the host's browser (Swagger UI's sign-in) names Keycloak as the host sees it
            }
            URI url = URI.create(value.startsWith("jdbc:") ? value.substring("jdbc:".length()) : value);
            if (!SERVICES.has(url.getHost())) {
                problems.add(entry.getKey() + "=" + value + ": no compose service " + url.getHost());
            } else if (url.getPort() != containerPort(url.getHost())) {
                problems.add(entry.getKey() + "=" + value + ": " + url.getHost() + " listens on " + containerPort(url.getHost()));
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("services")
    void presentsTheClientSecretOfTheLocalRealm(ServiceConfig service) {
        String expected = null;
        for (JsonNode client : Yaml.json(Repo.REALM).path("clients")) {
            if (client.path("clientId").asText().equals(service.name())) {
                expected = client.path("secret").asText();
            }
        }
        assertEquals(expected, SERVICES.path(service.name()).path("environment").path("OIDC_CLIENT_SECRET").asText(null));
    }

    /** The port a compose service listens on inside the compose network. */
    private static int containerPort(String name) {
        return switch (name) {
            case "postgres" -> 5432;
            case "keycloak" -> Manifests.texts(SERVICES.path("keycloak").path("command")).stream()
                    .filter(a -> a.startsWith("--http-port=")).map(a -> Integer.parseInt(a.substring(12)))
                    .findFirst().orElse(8080);
            default -> ServiceConfig.of(name).port();
        };
    }
}
