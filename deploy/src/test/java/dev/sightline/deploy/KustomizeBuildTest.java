package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
