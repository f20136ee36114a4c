package dev.sightline.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.support.test.TestDatabase;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Everything the system tests run against, started once per test JVM: PostgreSQL (embedded, or the server named by
 * {@code SIGHTLINE_TEST_DB_URL}), Keycloak with the {@code sightline} realm, and the three packaged services and the
 * portal as separate {@code java -jar} processes on free ports. Logs go to {@code system-tests/target/system/<name>.log}.
 * Every process started here is stopped when JUnit closes its root store, by a shutdown hook otherwise.
 */
final class SystemEnvironment implements AutoCloseable {
    static final String PARTNERSHIP = "partnership-service";
    static final String AUDIT = "audit-service";
    static final String DISCLOSURE = "disclosure-service";
    static final List<String> SERVICES = List.of(PARTNERSHIP, AUDIT, DISCLOSURE);
    /** The regulators' portal: a web application over the services. */
    static final String PORTAL = "portal";
    static final String PORTAL_CLIENT = "sightline-portal";
    /** The public client the services' Swagger UI signs in with (authorization code with PKCE). */
    static final String SWAGGER_UI_CLIENT = "sightline-web";
    static final String SWAGGER_UI = "/q/swagger-ui";
    /** Each service runs as a role of its own that owns nothing (audit_app, ...); Flyway migrates as the owner. */
    static String appRole(String service) {
        return service.substring(0, service.indexOf('-')) + "_app";
    }

    private static final Duration KEYCLOAK_START = Duration.ofMinutes(4);
    private static final Duration SERVICE_START = Duration.ofMinutes(3);

    private static SystemEnvironment instance;
    private static RuntimeException startFailure;

    private final Path root = Path.of(System.getProperty("sightline.root", "..")).toAbsolutePath().normalize();
    private final Path dir = Path.of(System.getProperty("sightline.system.dir", "target/system")).toAbsolutePath()
            .normalize();
    /** The unpacked Keycloak distribution: the module's failsafe configuration names it from the pom's version. */
    private final Path keycloakHome = Path.of(Objects.requireNonNull(System.getProperty("sightline.keycloak.home"),
            "system property sightline.keycloak.home (set by failsafe: ./mvnw verify -pl system-tests)"))
            .toAbsolutePath().normalize();
    private final Identity.Realm realm = Identity.Realm.read(realmFile(root));
    private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Keycloak.TokenResponse> tokens = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Keycloak keycloak;
    private Keycloak.TokenResponse expired;

    private SystemEnvironment() {
    }

    /** The environment of this JVM, started on first use; a failed start fails every later caller at once. */
    static synchronized SystemEnvironment get() {
        if (startFailure != null) {
            throw new IllegalStateException("The system environment failed to start earlier", startFailure);
        }
        if (instance == null) {
            SystemEnvironment environment = new SystemEnvironment();
            Runtime.getRuntime().addShutdownHook(new Thread(environment::close, "system-tests-stop"));
            try {
                environment.start();
            } catch (RuntimeException | Error e) {
                environment.close();
                startFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                throw e;
            }
            instance = environment;
        }
        return instance;
    }

    static Path realmFile(Path root) {
        return root.resolve("deploy/keycloak/sightline-realm.json");
    }

    // ---- what tests use

    Path root() {
        return root;
    }

    Path dir() {
        return dir;
    }

    Identity.Realm realm() {
        return realm;
    }

    Keycloak keycloak() {
        return keycloak;
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** An access token of a demo user or service account, renewed when it is about to expire. */
    String token(String identity) {
        return tokens.compute(identity, (name, cached) -> {
            if (cached != null && cached.expiresAt() - now() > 30) {
                return cached;
            }
            Identity who = realm.identity(name);
            return who.isServiceAccount() ? keycloak.clientCredentials(name, who.clientSecret())
                    : keycloak.passwordGrant(Keycloak.REALM, "sightline-cli", name, name);
        }).accessToken();
    }

    /** A fresh token of the test user that holds every realm role and both jurisdictions. */
    String allRolesToken() {
        return tokens.compute("@all-roles", (name, cached) -> cached != null && cached.expiresAt() - now() > 30
                ? cached
                : keycloak.passwordGrant(Keycloak.REALM, "sightline-cli", Keycloak.ALL_ROLES_USER,
                        Keycloak.ALL_ROLES_USER)).accessToken();
    }

    /** The all-roles user's token from a client whose tokens live seconds, taken at start: its exp has passed. */
    String expiredToken() {
        long wait = expired.expiresAt() + 2 - now();
        if (wait > 0) {
            try {
                Thread.sleep(wait * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return expired.accessToken();
    }

    /** The all-roles user's token from the realm {@code elsewhere}: same roles and audience, another issuer. */
    String otherIssuerToken() {
        return tokens.compute("@elsewhere", (name, cached) -> cached != null && cached.expiresAt() - now() > 30
                ? cached
                : keycloak.passwordGrant(Keycloak.OTHER_REALM, "sightline-cli", Keycloak.ALL_ROLES_USER,
                        Keycloak.ALL_ROLES_USER)).accessToken();
    }

    /** The all-roles user's token from a client without the sightline-api scope: right issuer, wrong audience. */
    String otherAudienceToken() {
        return tokens.compute("@no-audience", (name, cached) -> cached != null && cached.expiresAt() - now() > 30
                ? cached
                : keycloak.passwordGrant(Keycloak.REALM, Keycloak.NO_AUDIENCE_CLIENT, Keycloak.ALL_ROLES_USER,
                        Keycloak.ALL_ROLES_USER)).accessToken();
    }

    /** Where each log is, for failure messages. */
    String logs() {
        StringBuilder out = new StringBuilder("System test logs in ").append(dir).append(':');
        processes.forEach(p -> out.append(System.lineSeparator()).append("  ").append(p.name()).append(": ")
                .append(p.log()));
        return out.toString();
    }

    // ---- start and stop

    private void start() {
        long started = System.nanoTime();
        prepareDirectory();
        System.out.println("[system-tests] starting PostgreSQL, Keycloak, the three services and the portal; logs in "
                + dir);
        allocatePorts(List.of("keycloak", "keycloak-management"));
        for (String service : servicesAndPortal().toList()) {
            Path jar = jar(service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No packaged " + service + " at " + jar
                        + " (run the reactor: ./mvnw -B verify -pl system-tests -am)");
            }
        }

        // PostgreSQL comes up while Keycloak, the slow one, boots.
        CompletableFuture<TestDatabase> database = CompletableFuture.supplyAsync(() -> {
            TestDatabase db = TestDatabase.shared();
            SERVICES.forEach(service -> db.ensureLoginRole(appRole(service)));
            return db;
        });
        keycloak = new Keycloak(realmFile(root), ports.get("keycloak"));
        processes.add(keycloak.start(keycloakHome, ports.get("keycloak-management"), dir.resolve("keycloak.log")));
        keycloak.awaitReady(KEYCLOAK_START);
        long keycloakReady = System.nanoTime();
        keycloak.addTestFixtures(realm.roles());
        // the services' ports only now: a port found free before Keycloak's long boot may since have become one end
        // of its (or PostgreSQL's) connections, which take their ports from the same range
        allocatePorts(serviceAndPortalPorts());
        allowRedirects();
        expired = keycloak.passwordGrant(Keycloak.REALM, Keycloak.SHORT_LIVED_CLIENT, Keycloak.ALL_ROLES_USER,
                Keycloak.ALL_ROLES_USER);

        TestDatabase db = database.join();
        for (int attempt = 1; !startServices(db); attempt++) {
            if (attempt == 2) {
                throw new IllegalStateException("The services lost their ports to other processes twice; logs in "
                        + dir);
            }
            // another process took a port between its allocation and the bind: the services name each other's
            // ports, so all of them start again on new ones
            System.out.println("[system-tests] a service lost its port to another process; starting the services "
                    + "again on new ports (the first attempt's logs kept as *.first-attempt.log)");
            keepFirstAttemptLogs();
            allocatePorts(serviceAndPortalPorts());
            allowRedirects();
        }
        System.out.printf(Locale.ROOT, "[system-tests] ready in %.1f s (Keycloak %.1f s): Keycloak %s, %s%n",
                seconds(System.nanoTime() - started), seconds(keycloakReady - started), keycloak.url(),
                String.join(", ", servicesAndPortal().map(s -> s + " " + url(s))
                        .toList()));
        System.out.println("[system-tests] " + logs());
    }

    private void prepareDirectory() {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the services and the portal and waits until each is ready; false (all of them stopped again) when one
     * exited because a port it was given had been taken meanwhile.
     */
    private boolean startServices(TestDatabase db) {
        List<ManagedProcess> services = new ArrayList<>();
        for (String service : SERVICES) {
            services.add(ManagedProcess.start(service, command(service), env(service, db), dir,
                    dir.resolve(service + ".log")));
        }
        // the portal needs none of them to start, only to answer
        services.add(ManagedProcess.start(PORTAL, command(PORTAL), portalEnv(), dir, dir.resolve(PORTAL + ".log")));
        processes.addAll(services);
        for (ManagedProcess service : services) {
            if (!awaitReadyUnlessPortTaken(service)) {
                services.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
                processes.removeAll(services);
                return false;
            }
        }
        return true;
    }

    /** Renames the logs of a start that lost a port, so that the next start does not write over them. */
    private void keepFirstAttemptLogs() {
        servicesAndPortal().forEach(name -> {
            try {
                Path log = dir.resolve(name + ".log");
                if (Files.exists(log)) {
                    Files.move(log, dir.resolve(name + ".first-attempt.log"), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Stream<String> servicesAndPortal() {
        return Stream.concat(SERVICES.stream(), Stream.of(PORTAL));
    }

    /** The names of the services' and the portal's ports: each one's API and management port. */
    private static List<String> serviceAndPortalPorts() {
        return servicesAndPortal().flatMap(service -> Stream.of(service, service + "-management")).toList();
    }

    /** The Keycloak clients' redirect URIs for the portal's and the services' Swagger UI's current ports. */
    private void allowRedirects() {
        keycloak.allowRedirects(PORTAL_CLIENT, List.of(url(PORTAL) + "/*"));
        keycloak.allowRedirects(SWAGGER_UI_CLIENT, SERVICES.stream()
                .map(service -> url(service) + SWAGGER_UI + "/oauth2-redirect.html").toList());
    }

    private void allocatePorts(List<String> names) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String name : names) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(name, socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only a reservation
                }
            }
        }
    }

    Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private List<String> command(String service) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // two cores shared by everything: the C1 compiler alone starts the services sooner
                "-XX:TieredStopAtLevel=1", "-jar", jar(service).toString());
    }

    private Map<String, String> env(String service, TestDatabase db) {
        // A trust-authenticating server takes any password; Quarkus reads an empty one as unset.
        String password = db.password().isEmpty() ? "trust" : db.password();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(ports.get(service + "-management")));
        env.put("DB_URL", db.jdbcUrl());
        env.put("DB_USER", appRole(service));
        env.put("DB_PASSWORD", appRole(service));
        env.put("DB_OWNER_USER", db.user());
        env.put("DB_OWNER_PASSWORD", password);
        env.put("KEYCLOAK_URL", keycloak.url());
        env.put("PARTNERSHIP_URL", url(PARTNERSHIP));
        env.put("AUDIT_URL", url(AUDIT));
        env.put("DISCLOSURE_URL", url(DISCLOSURE));
        env.put("OIDC_CLIENT_SECRET", realm.identity(service).clientSecret());
        // Swagger UI's Authorize signs in at this run's Keycloak, not the local run's port
        env.put("SIGHTLINE_OPENAPI_OPENID_CONNECT_URL", keycloak.issuer(Keycloak.REALM)
                + "/.well-known/openid-configuration");
        switch (service) {
            case AUDIT -> {
                env.put("LOG_SIGNING_KEY_FILE", dir.resolve("audit-log-signing.key").toString());
                env.put("LOG_SIGNING_KEY_GENERATE", "true");
            }
            case DISCLOSURE -> {
                env.put("DISCLOSURE_SIGNING_KEY_FILE", dir.resolve("disclosure-signing.key").toString());
                env.put("DISCLOSURE_SIGNING_KEY_GENERATE", "true");
            }
            default -> {
            }
        }
        return env;
    }

    /** The portal signs people in as the realm's client sightline-portal and calls the services with their tokens. */
    private Map<String, String> portalEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(PORTAL)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(ports.get(PORTAL + "-management")));
        env.put("KEYCLOAK_URL", keycloak.url());
        env.put("PORTAL_CLIENT_SECRET", clientSecret(PORTAL_CLIENT));
        env.put("PARTNERSHIP_URL", url(PARTNERSHIP));
        env.put("AUDIT_URL", url(AUDIT));
        env.put("DISCLOSURE_URL", url(DISCLOSURE));
        return env;
    }

    /** A confidential client's secret as the realm file holds it. */
    private String clientSecret(String clientId) {
        try {
            for (JsonNode client : new ObjectMapper().readTree(realmFile(root).toFile()).path("clients")) {
                if (client.path("clientId").asText().equals(clientId)) {
                    return client.path("secret").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No client " + clientId + " in the realm file");
    }

    /**
     * Waits for the service as {@link #awaitReady} does; false when it exited because a port it was given was taken
     * meanwhile (its log says "Address already in use"), which only starting it again on other ports cures.
     */
    private boolean awaitReadyUnlessPortTaken(ManagedProcess service) {
        try {
            awaitReady(service);
            return true;
        } catch (IllegalStateException e) {
            if (!service.isAlive() && service.tail(200).contains("Address already in use")) {
                return false;
            }
            throw e;
        }
    }

    private void awaitReady(ManagedProcess service) {
        String health = url(service.name()) + "/q/health/ready";
        Polling.until(service.name() + " ready at " + health, SERVICE_START, Duration.ofMillis(250), () -> {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with " + service.exitValue() + "; log "
                        + service.log() + ":\n" + service.tail(60));
            }
            try {
                return RestAssured.given().get(health).statusCode() == 200;
            } catch (Exception notListeningYet) {
                return false;
            }
        });
    }

    /** Stops every process this run started, services first; safe to call more than once. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // services first (they hold connections to the others), all at once: each waits up to its grace period
        List<ManagedProcess> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        reversed.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
        if (!processes.isEmpty()) {
            System.out.println("[system-tests] stopped " + String.join(", ", processes.stream()
                    .map(ManagedProcess::name).toList()) + "; logs in " + dir);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
