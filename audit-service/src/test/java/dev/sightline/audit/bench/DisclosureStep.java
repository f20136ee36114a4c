package dev.sightline.audit.bench;

import static dev.sightline.audit.bench.BenchSupport.sorted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The disclosure-service's generation end to end against the benchmark's log: the packaged disclosure-service
 * (built beforehand: {@code ./mvnw -pl disclosure-service -am package -DskipTests}) runs against the same database,
 * the audit-service under test and the stub partnership-service, and the bench times {@code POST /disclosures}
 * (partnership records, {@code GET /figures} at one checkpoint, the signed note, the report) followed by the
 * downloads of report.json, report.csv and report.pdf, per jurisdiction.
 */
final class DisclosureStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DisclosureStep() {
    }

    static List<AnalyticsBench.Timing> run(HttpClient http, String dbUrl, KeyPair tokenKeys, String stubUrl,
            String auditBase, Instant from, Instant to, int runs) throws Exception {
        Path jar = Path.of(System.getProperty("bench.disclosure.jar",
                "../disclosure-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            System.out.println("Disclosure generation: skipped, " + jar + " is missing (./mvnw -pl disclosure-service "
                    + "-am package -DskipTests first)");
            return List.of();
        }
        int port = BenchSupport.freePort();
        Path log = Path.of("target", "bench", "analytics-disclosure.log");
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx1g", "-Dquarkus.oidc.auth-server-url=", "-jar",
                jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(BenchSupport.freePort()));
        env.put("DB_URL", dbUrl);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "postgres");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", BenchSupport.publicKeyBase64(tokenKeys));
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", BenchSupport.ISSUER);
        env.put("PARTNERSHIP_URL", stubUrl);
        env.put("AUDIT_URL", auditBase);
        env.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", stubUrl + "/realms/sightline");
        env.put("DISCLOSURE_SIGNING_KEY", Base64.getUrlEncoder().withoutPadding().encodeToString(seed));
        builder.environment().putAll(env);
        System.out.println("Starting the packaged disclosure-service on port " + port + " (log: " + log + ") ...");
        Process process = builder.start();
        String base = "http://localhost:" + port;
        List<AnalyticsBench.Timing> timings = new ArrayList<>();
        try {
            BenchSupport.awaitReady(http, base, process, Duration.ofSeconds(120));
            String alice = "Bearer " + BenchSupport.token(tokenKeys, "alice", List.of("disclosure-author"));
            for (String jurisdiction : List.of("EU", "CN", "US")) {
                long[] nanos = new long[runs];
                String detail = "";
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/v1/disclosures")).header("Authorization", alice).header("Content-Type",
                                    "application/json").timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers
                                            .ofString("{\"jurisdiction\": \"" + jurisdiction + "\", \"periodStart\": \""
                                                    + from + "\", \"periodEnd\": \"" + to + "\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException("POST /disclosures " + jurisdiction + ": HTTP "
                                + created.statusCode() + " " + created.body());
                    }
                    JsonNode meta = JSON.readTree(created.body());
                    long bytes = 0;
                    for (String format : List.of("json", "csv", "pdf")) {
                        HttpResponse<byte[]> report = http.send(HttpRequest.newBuilder(URI.create(base
                                + "/api/v1/disclosures/" + meta.path("id").asText() + "/report." + format))
                                .header("Authorization", alice).timeout(Duration.ofSeconds(60)).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (report.statusCode() != 200) {
                            throw new IllegalStateException("report." + format + ": HTTP " + report.statusCode());
                        }
                        bytes += report.body().length;
                    }
                    nanos[i] = System.nanoTime() - start;
                    detail = String.format(java.util.Locale.ROOT, "%d partnerships, checkpoint %,d, %,d bytes",
                            meta.path("partnershipIds").size(), meta.path("checkpointSize").asLong(), bytes);
                    BenchSupport.progress(String.format(java.util.Locale.ROOT, "disclosure %s, run %d / %d",
                            jurisdiction, i + 1, runs));
                }
                timings.add(new AnalyticsBench.Timing("disclosure " + jurisdiction + ": generate + 3 formats",
                        nanos[0], sorted(java.util.Arrays.copyOfRange(nanos, 1, runs), runs - 1), detail));
            }
            System.out.println();
        } finally {
            process.destroy();
            process.waitFor();
        }
        return timings;
    }
}
