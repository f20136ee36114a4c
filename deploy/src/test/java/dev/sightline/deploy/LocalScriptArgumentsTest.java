package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code deploy/local/sightline}'s arguments, from a copy of the script in a folder of its own: a wrong option,
 * an address other than the loopback or all interfaces, and a soak with nothing running are refused before
 * anything starts. The defaults (loopback, heap limits) are checked in the script's text.
 */
class LocalScriptArgumentsTest {
    @TempDir
    Path root;

    private Path script;

    @BeforeEach
    void copyScript() throws Exception {
        script = root.resolve("deploy/local/sightline");
        Files.createDirectories(script.getParent());
        Files.copy(Repo.ROOT.resolve("deploy/local/sightline"), script, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Repo.ROOT.resolve("pom.xml"), root.resolve("pom.xml"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            up --bind 192.168.1.7       | 2 | is 127.0.0.1 (the default) or 0.0.0.0, not
            up --bind                   | 2 | --bind needs an address
            up --demo                   | 2 | unknown option for up: --demo
            soak --hours 2              | 2 | unknown option for soak: --hours
            soak --minutes              | 2 | --minutes needs a value
            soak --minutes 5 --rate 100 | 1 | run deploy/local/sightline up first
            frobnicate                  | 2 | usage:
            """)
    void refusesBeforeStartingAnything(String args, int status, String message) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args.split(" ")));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script answers at once");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(status, process.exitValue(), output);
        assertTrue(output.contains(message), output);
        assertTrue(!Files.exists(script.getParent().resolve(".data/run")), "nothing was set up: " + output);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            loopback by default         | BIND=${SIGHTLINE_BIND:-127.0.0.1}
            services on it              | QUARKUS_HTTP_HOST="$BIND" QUARKUS_MANAGEMENT_HOST=127.0.0.1
            Keycloak on it              | --http-host="$BIND"
            PostgreSQL on loopback      | listen_addresses=127.0.0.1
            heap of the services        | java $JVM_OPTS -Xmx"$(heap_of "$name")" -jar
            heap of Keycloak            | JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$(heap_of keycloak)"
            heap of the demo loader     | java $JVM_OPTS -Xmx"$(heap_of tools)" -cp "$DEMO_LOADER_JAR
            """)
    void bindsToLoopbackAndLimitsEveryHeap(String what, String line) throws Exception {
        String text = Files.readString(Repo.ROOT.resolve("deploy/local/sightline"));
        assertTrue(text.contains(line.strip()), what + ": " + line);
    }
}
