package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every file under deploy/kubernetes parses, is a whole resource, and belongs to a kustomization. */
class ManifestFilesTest {

    @Test
    void everyDocumentNamesItsApiVersionKindAndName() {
        List<String> problems = new ArrayList<>();
        for (Path file : Yaml.filesUnder(Repo.KUBERNETES)) {
            if (isKustomization(file)) {
                continue;
            }
            List<JsonNode> docs = Yaml.documents(file);
            if (docs.isEmpty()) {
                problems.add(file + ": no document");
            }
            for (JsonNode doc : docs) {
                for (String field : List.of("apiVersion", "kind")) {
                    if (doc.path(field).asText().isBlank()) {
                        problems.add(Repo.ROOT.relativize(file) + ": a document without " + field);
                    }
                }
                if (doc.path("metadata").path("name").asText().isBlank()) {
                    problems.add(Repo.ROOT.relativize(file) + ": a document without metadata.name");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKustomizationReferencesFilesThatExist() {
        List<String> missing = new ArrayList<>();
        for (Path dir : kustomizationDirs()) {
            for (Path entry : Manifests.resourceEntries(dir)) {
                if (!Files.isRegularFile(entry) && !(Files.isDirectory(entry) && hasKustomization(entry))) {
                    missing.add(Repo.ROOT.relativize(dir) + " lists " + Repo.ROOT.relativize(entry));
                }
            }
            for (Path patch : patchFiles(dir)) {
                if (!Files.isRegularFile(patch)) {
                    missing.add(Repo.ROOT.relativize(dir) + " patches with " + Repo.ROOT.relativize(patch));
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyManifestFileBelongsToAKustomization() {
        Set<Path> referenced = new HashSet<>();
        for (Path dir : kustomizationDirs()) {
            referenced.addAll(Manifests.resourceEntries(dir));
            referenced.addAll(patchFiles(dir));
        }
        List<Path> orphans = Yaml.filesUnder(Repo.KUBERNETES).stream()
                .filter(f -> !isKustomization(f) && !referenced.contains(f.normalize()))
                .map(Repo.ROOT::relativize).toList();
        assertEquals(List.of(), orphans, "files that no kustomization applies");
    }

    @Test
    void productionPatchesTargetResourcesOfTheBase() {
        Manifests base = Manifests.of(Repo.BASE);
        JsonNode kustomization = Yaml.document(Manifests.kustomizationFile(Repo.PRODUCTION));
        List<String> problems = new ArrayList<>();
        for (JsonNode patch : kustomization.path("patches")) {
            JsonNode target = patch.path("target");
            if (!target.isMissingNode()) {
                if (base.find(target.path("kind").asText(), target.path("name").asText()).isEmpty()) {
                    problems.add("target " + target + " is not in the base");
                }
                continue;
            }
            for (JsonNode doc : Yaml.documents(Repo.PRODUCTION.resolve(patch.path("path").asText()))) {
                String kind = doc.path("kind").asText();
                String name = doc.path("metadata").path("name").asText();
                if (base.find(kind, name).isEmpty()) {
                    problems.add(patch.path("path").asText() + " patches " + kind + "/" + name + ", which the base lacks");
                }
            }
        }
        Set<String> images = new HashSet<>();
        for (Resource deployment : base.ofKind("Deployment")) {
            for (JsonNode container : deployment.doc().path("spec").path("template").path("spec").path("containers")) {
                images.add(container.path("image").asText().replaceFirst(":[^:/]+$", ""));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            if (!images.contains(image.path("name").asText())) {
                problems.add("images: " + image.path("name").asText() + " is no image of the base's Deployments " + images);
            }
        }
        assertFalse(kustomization.path("patches").isEmpty(), "the production overlay changes nothing");
        assertEquals(List.of(), problems);
    }

    @Test
    void productionRendersIntoANamespaceItCreates() {
        JsonNode kustomization = Yaml.document(Manifests.kustomizationFile(Repo.PRODUCTION));
        String namespace = kustomization.path("namespace").asText();
        assertFalse(namespace.isBlank(), "the production overlay sets no namespace");
        assertTrue(Manifests.of(Repo.PRODUCTION).find("Namespace", namespace).isPresent(),
                "the production overlay does not create its namespace " + namespace);
    }

    @Test
    void theBaseSetsNoNamespace() {
        // so that an overlay (or kubectl -n) chooses it; a namespace here would pin every overlay
        List<String> pinned = Manifests.of(Repo.BASE).all().stream()
                .filter(r -> r.doc().path("metadata").has("namespace")).map(Resource::toString).toList();
        assertEquals(List.of(), pinned);
    }

    static List<Path> kustomizationDirs() {
        return Yaml.filesUnder(Repo.KUBERNETES).stream().filter(ManifestFilesTest::isKustomization)
                .map(Path::getParent).toList();
    }

    private static boolean isKustomization(Path file) {
        return file.getFileName().toString().startsWith("kustomization.");
    }

    private static boolean hasKustomization(Path dir) {
        return Files.isRegularFile(dir.resolve("kustomization.yaml")) || Files.isRegularFile(dir.resolve("kustomization.yml"));
    }

    private static List<Path> patchFiles(Path dir) {
        JsonNode kustomization = Yaml.document(Manifests.kustomizationFile(dir));
        List<Path> files = new ArrayList<>();
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.has("path")) {
                files.add(dir.resolve(patch.path("path").asText()).normalize());
            }
        }
        for (JsonNode patch : kustomization.path("patchesStrategicMerge")) {
            files.add(dir.resolve(patch.asText()).normalize());
        }
        return files;
    }
}
