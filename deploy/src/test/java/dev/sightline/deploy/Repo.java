package dev.sightline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the files the tests read live in the repository. */
final class Repo {
    static final Path ROOT = findRoot();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final Path BASE = KUBERNETES.resolve("base");
    static final Path PRODUCTION = KUBERNETES.resolve("overlays/production");
    static final Path KUBERNETES_README = KUBERNETES.resolve("README.md");
    static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
    static final Path REALM = ROOT.resolve("deploy/keycloak/sightline-realm.json");
    static final Path REALM_IMPORT = BASE.resolve("keycloak/realm-import.yaml");

    private Repo() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property of the root pom, where every version is kept once (deploy/local/sightline reads it too). */
    static String pomProperty(String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
                .matcher(read(ROOT.resolve("pom.xml")));
        if (!value.find()) {
            throw new IllegalStateException("no <" + name + "> in " + ROOT.resolve("pom.xml"));
        }
        return value.group(1);
    }

    /** The repository root: Surefire runs in the module folder (deploy/), whose parent holds the services. */
    private static Path findRoot() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy/kubernetes")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root with deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }
}
