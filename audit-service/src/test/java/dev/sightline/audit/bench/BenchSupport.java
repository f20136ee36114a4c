package dev.sightline.audit.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** What the benchmarks share: bench-only tokens, free ports, waiting for readiness, percentiles, output. */
final class BenchSupport {
    static final String ISSUER = "https://bench.sightline.example";

    private BenchSupport() {
    }

    /** A durable embedded PostgreSQL (fsync and synchronous commit on) in a fresh directory under {@code work}. */
    static EmbeddedPostgres startPostgres(Path work) throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("max_connections", "100")
                .setDataDirectory(work.resolve("pgdata-" + System.nanoTime()))
                .setCleanDataDirectory(true)
                .start();
    }

    /** Creates the database sightline and the service's role audit_app; returns the server version. */
    static String createDatabase(EmbeddedPostgres postgres) throws SQLException {
        String adminUrl = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE sightline");
            statement.execute("CREATE ROLE audit_app LOGIN PASSWORD 'audit_app'");
            ResultSet version = statement.executeQuery("SHOW server_version");
            version.next();
            return version.getString(1);
        }
    }

    /**
     * A key pair whose public half the service under bench is told to trust (quarkus.oidc.public-key),
     * so the bench can present real signed bearer tokens without an identity provider. Bench only.
     */
    static KeyPair tokenKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 access token for {@code subject} with realm roles, valid for two hours. */
    static String token(KeyPair keys, String subject, List<String> roles) {
        long now = System.currentTimeMillis() / 1000;
        String rolesJson = roles.stream().map(r -> "\"" + r + "\"").reduce((a, b) -> a + "," + b).orElse("");
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"sightline-api\",\"sub\":\"" + subject + "\",\"preferred_username\":\""
                + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + ",\"groups\":[" + rolesJson
                + "],\"realm_access\":{\"roles\":[" + rolesJson + "]}}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicKeyBase64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A bench body that may fail. */
    interface Body {
        void run() throws Exception;
    }

    /** Runs a bench and exits the JVM: 0 when it finished, 1 with the failure and where the logs are. */
    static void runAndExit(Body bench, String logs) {
        // other work on the machine skews every figure: say how busy it was
        System.out.println("Machine load at the start (1, 5, 15 min): " + load());
        try {
            bench.run();
            System.out.println("Machine load at the end (1, 5, 15 min): " + load());
            System.exit(0);
        } catch (Throwable e) {
            System.out.println();
            e.printStackTrace(System.out);
            System.out.println("The benchmark failed; the service's logs are in " + logs);
            System.exit(1);
        }
    }

    /** The load averages of /proc/loadavg, or "unknown" where there is none. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2] + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores";
        } catch (IOException e) {
            return "unknown";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitReady(HttpClient http, String base, Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service was not ready within " + timeout);
    }

    /** The p-th percentile (0..100) of the values, nearest-rank. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long[] sorted(long[] values, int count) {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }

    static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String thousands(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static void progress(String line) {
        System.out.print("\r\033[K" + line);
        System.out.flush();
    }
}
