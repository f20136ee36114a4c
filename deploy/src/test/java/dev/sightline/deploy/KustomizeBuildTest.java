package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Renders the overlays with {@code kubectl kustomize} (no cluster needed), so kustomize itself judges the files.
 * A machine without kubectl fails here rather than skipping: a skipped render would let a broken overlay pass.
 */
class KustomizeBuildTest {

    @Test
    void theBaseRenders() throws Exception {
        assertTrue(render(Repo.BASE).size() >= Manifests.of(Repo.BASE).all().size());
    }

    @Test
    void productionRendersIntoItsNamespaceWithItsImagesAndPatches() throws Exception {
        List<JsonNode> docs = render(Repo.PRODUCTION);
        String namespace = Yaml.document(Manifests.kustomizationFile(Repo.PRODUCTION)).path("namespace").asText();
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            String id = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            if (!doc.path("kind").asText().equals("Namespace")
                    && !namespace.equals(doc.path("metadata").path("namespace").asText())) {
                problems.add(id + " is not in " + namespace);
            }
            if (doc.path("kind").asText().equals("Deployment")) {
                for (JsonNode container : Workload.podSpec(doc).path("containers")) {
                    if (container.path("image").asText().startsWith("sightline/")) {
                        problems.add(id + " keeps the base's image " + container.path("image").asText());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        JsonNode cluster = docs.stream().filter(d -> d.path("kind").asText().equals("Cluster")
                && d.path("metadata").path("name").asText().equals("sightline-db")).findFirst().orElseThrow();
        assertEquals(3, cluster.path("spec").path("instances").asInt(), "production's PostgreSQL is highly available");
        assertTrue(cluster.path("spec").path("bootstrap").path("initdb").has("database"), "a patch dropped the base's bootstrap");
    }

    @Test
    void productionSignInLocksOutGuessingAndAsksPublishersRegulatorsAndAuditorsForAOneTimePassword() throws Exception {
        JsonNode realm = render(Repo.PRODUCTION).stream().filter(d -> d.path("kind").asText().equals("KeycloakRealmImport"))
                .findFirst().orElseThrow().path("spec").path("realm");
        assertTrue(realm.path("bruteForceProtected").asBoolean(), "brute-force detection is on");
        assertFalse(realm.path("permanentLockout").asBoolean(), "a lockout ends, so guessing cannot lock a user out for good");
        assertEquals(5, realm.path("failureFactor").asInt());
        assertTrue(realm.path("passwordPolicy").asText().contains("length(12)"), realm.path("passwordPolicy").asText());
        assertTrue(realm.path("passwordPolicy").asText().contains("notUsername"), realm.path("passwordPolicy").asText());

        // the browser flow: password, then a conditional subflow that asks holders of one role for the one-time password
        Map<String, JsonNode> flows = new HashMap<>();
        realm.path("authenticationFlows").forEach(f -> flows.put(f.path("alias").asText(), f));
        JsonNode browser = flows.get(realm.path("browserFlow").asText());
        assertNotNull(browser, "browserFlow names a flow of the realm");
        JsonNode otp = null;
        for (JsonNode step : browser.path("authenticationExecutions")) {
            for (JsonNode inner : flows.getOrDefault(step.path("flowAlias").asText(), MISSING).path("authenticationExecutions")) {
                if (inner.path("requirement").asText().equals("CONDITIONAL")) {
                    otp = flows.get(inner.path("flowAlias").asText());
                }
            }
        }
        assertNotNull(otp, "the sign-in forms hold a conditional subflow");
        List<String> steps = new ArrayList<>();
        String configAlias = null;
        for (JsonNode step : otp.path("authenticationExecutions")) {
            steps.add(step.path("authenticator").asText() + " " + step.path("requirement").asText());
            if (step.path("authenticator").asText().equals("conditional-user-role")) {
                configAlias = step.path("authenticatorConfig").asText();
            }
        }
        assertEquals(List.of("conditional-user-role REQUIRED", "auth-otp-form REQUIRED"), steps);
        String role = null;
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if (config.path("alias").asText().equals(configAlias)) {
                role = config.path("config").path("condUserRole").asText();
                assertEquals("false", config.path("config").path("negate").asText());
            }
        }
        assertNotNull(role, "the role condition has its configuration");
        Map<String, List<String>> includes = new HashMap<>();
        for (JsonNode r : realm.path("roles").path("realm")) {
            List<String> composites = new ArrayList<>();
            r.path("composites").path("realm").forEach(c -> composites.add(c.asText()));
            includes.put(r.path("name").asText(), composites);
        }
        assertTrue(includes.containsKey(role), role + " is a realm role");
        for (String name : List.of("disclosure-publisher", "regulator", "auditor")) {
            assertEquals(List.of(role), includes.get(name), name + " includes " + role);
        }
        for (String name : List.of("partnership-manager", "partnership-viewer", "audit-writer", "disclosure-author")) {
            assertEquals(List.of(), includes.get(name), name + " signs in without a one-time password");
        }

        // the local demo keeps all of it off
        JsonNode local = Yaml.json(Repo.REALM);
        assertFalse(local.path("bruteForceProtected").asBoolean());
        assertTrue(local.path("passwordPolicy").isMissingNode());
        assertTrue(local.path("browserFlow").isMissingNode());
        assertTrue(local.path("authenticationFlows").isMissingNode());
    }

    private static final JsonNode MISSING = Yaml.JSON.createObjectNode();

    @Test
    void theRegulatorsWitnessRendersIntoItsNamespaceWithItsImage() throws Exception {
        Path dir = WitnessDeploymentTest.WITNESS;
        String namespace = Yaml.document(Manifests.kustomizationFile(dir)).path("namespace").asText();
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : render(dir)) {
            String id = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            if (!doc.path("kind").asText().equals("Namespace")
                    && !namespace.equals(doc.path("metadata").path("namespace").asText())) {
                problems.add(id + " is not in " + namespace);
            }
            for (JsonNode container : Workload.podSpec(doc).path("containers")) {
                if (container.path("image").asText().startsWith("sightline/")) {
                    problems.add(id + " keeps the unpublished image " + container.path("image").asText());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<JsonNode> render(Path dir) throws IOException, InterruptedException {
        Optional<Path> kubectl = onPath("kubectl");
        assertTrue(kubectl.isPresent(), "kubectl is not on the PATH: the machine image ships it, and kustomize must judge "
                + "the overlays");
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "kubectl kustomize did not finish");
            assertEquals(0, process.exitValue(), "kubectl kustomize " + Repo.ROOT.relativize(dir) + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
            List<JsonNode> docs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = Yaml.MAPPER.readerFor(JsonNode.class).readValues(out.toFile())) {
                it.forEachRemaining(docs::add);
            }
            return docs;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
