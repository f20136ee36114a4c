package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local/sightline status}, run from a copy of the script in a folder of its own: its {@code .data}
 * holds pid files of stand-in processes (each a process group with children, as Keycloak's is), and the port it
 * expects PostgreSQL on is held by this test, not by anything the copy started. Needs bash, setsid and curl, not
 * PostgreSQL or Keycloak.
 */
class LocalScriptStatusTest {
    private static final List<String> SERVICES = List.of("witness", "partnership-service", "audit-service",
            "disclosure-service");
    private static final Duration STARTUP = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void stopStandIns() {
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(leader -> {
                leader.descendants().forEach(ProcessHandle::destroyForcibly);
                leader.destroyForcibly();
            });
        }
    }

    @Test
    void statusListsEveryComponentAndNamesABusyPortItDidNotStart() throws Exception {
        Path script = root.resolve("deploy/local/sightline");
        Files.createDirectories(script.getParent());
        Files.copy(Repo.ROOT.resolve("deploy/local/sightline"), script, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Repo.ROOT.resolve("pom.xml"), root.resolve("pom.xml"));
        Path data = script.getParent().resolve(".data");
        Path run = Files.createDirectories(data.resolve("run"));
        Files.createDirectories(data.resolve("logs"));

        // what the script recognises as its own: Keycloak runs from its unpacked distribution, a service from its jar
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("keycloak", standIn(data.resolve("keycloak/keycloak-" + Repo.pomProperty("keycloak.version") + "/bin/kc.sh"),
                run.resolve("keycloak.pid")));
        for (String service : SERVICES) {
            pids.put(service, standIn(root.resolve(service + "/target/quarkus-app/stand-in.sh"),
                    run.resolve(service + ".pid")));
        }

        try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = foreign.getLocalPort();
            Result status = run(script, port, "status");

            assertEquals(0, status.exitCode(), status.output());
            for (Map.Entry<String, Long> component : pids.entrySet()) {
                String line = line(status.output(), component.getKey());
                assertTrue(line.matches(component.getKey() + " +(up|starting) +pid " + component.getValue() + " .*"),
                        "a running " + component.getKey() + " with its pid: " + line);
            }
            String postgres = line(status.output(), "postgres");
            assertTrue(postgres.matches("postgres +busy +pid - +port " + port + " .*"),
                    "PostgreSQL's port answers, but this checkout started nothing there: " + postgres);
            assertTrue(status.output().contains("these ports answer, but not through a process this checkout started"),
                    status.output());
            assertTrue(status.output().contains("port " + port + " (postgres): pid " + ProcessHandle.current().pid()
                    + ", "), "names the process that holds the port (this test's JVM): " + status.output());
            assertTrue(line(status.output(), "demo data").contains("not loaded"), status.output());
            assertTrue(line(status.output(), "data").endsWith("deploy/local/.data"), status.output());
        }
    }

    @Test
    void statusOfAnEmptyCheckoutListsEverythingDown() throws Exception {
        Path script = root.resolve("deploy/local/sightline");
        Files.createDirectories(script.getParent());
        Files.copy(Repo.ROOT.resolve("deploy/local/sightline"), script, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Repo.ROOT.resolve("pom.xml"), root.resolve("pom.xml"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        Result status = run(script, port, "status");

        assertEquals(0, status.exitCode(), status.output());
        assertTrue(line(status.output(), "postgres").matches("postgres +down +pid - +port " + port + " .*"),
                status.output());
        for (String component : List.of("keycloak", "witness", "partnership-service", "audit-service",
                "disclosure-service")) {
            // the fixed ports may be taken by a Sightline of another checkout: busy then, never ours
            assertTrue(line(status.output(), component).matches(component + " +(down|busy) +pid - .*"),
                    status.output());
        }
    }

    /**
     * Starts {@code bash FILE} in a session of its own (as 'up' starts everything) with two children of the same
     * command line, each with a {@code sleep} below it; the leader records its pid where 'up' would.
     */
    private long standIn(Path file, Path pidFile) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                if [ "${1:-}" != child ]; then
                    bash "$0" child &
                    bash "$0" child &
                    echo $$ >"%s"
                fi
                sleep 120
                """.formatted(pidFile), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process launcher = new ProcessBuilder("setsid", "bash", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(launcher.pid());
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(pidFile) && !Files.readString(pidFile).isBlank()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                started.add(pid);
                if (ProcessHandle.of(pid).map(p -> p.descendants().count()).orElse(0L) >= 4) {
                    return pid;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the stand-in " + file + " did not start its children within " + STARTUP);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path script, int pgPort, String command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(script.getParent(), "status", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
                .directory(script.getParent().getParent().getParent().toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("SIGHTLINE_DATA");
        builder.environment().put("SIGHTLINE_PG_PORT", Integer.toString(pgPort));
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("status did not finish within 30 s: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** The output line of a component: its name, then spaces. */
    private static String line(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in:\n" + output));
    }
}
