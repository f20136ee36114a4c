package dev.sightline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The Kubernetes resources a kustomization renders (its resources, followed into sub-kustomizations). */
final class Manifests {
    /** One document of one file. */
    record Resource(Path file, JsonNode doc) {
        String apiVersion() {
            return doc.path("apiVersion").asText();
        }

        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + Repo.ROOT.relativize(file) + ")";
        }
    }

    private final List<Resource> resources;

    private Manifests(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** The resources of the kustomization in {@code dir}, patches not applied. */
    static Manifests of(Path dir) {
        List<Resource> found = new ArrayList<>();
        collect(dir, found);
        return new Manifests(found);
    }

    static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException("no kustomization in " + dir);
    }

    /** A kustomization's resources entries, resolved against its folder. */
    static List<Path> resourceEntries(Path dir) {
        JsonNode kustomization = Yaml.document(kustomizationFile(dir));
        return texts(kustomization.path("resources")).stream().map(entry -> dir.resolve(entry).normalize()).toList();
    }

    private static void collect(Path dir, List<Resource> found) {
        for (Path entry : resourceEntries(dir)) {
            if (Files.isDirectory(entry)) {
                collect(entry, found);
            } else if (Files.isRegularFile(entry)) {
                // a missing entry is ManifestFilesTest's to report; the other tests go on with the rest
                for (JsonNode doc : Yaml.documents(entry)) {
                    found.add(new Resource(entry, doc));
                }
            }
        }
    }

    List<Resource> all() {
        return resources;
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Optional<Resource> find(String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst();
    }

    Resource get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " among "
                + resources.stream().map(Resource::toString).toList()));
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
