package dev.sightline.audit.bench;

import static dev.sightline.audit.bench.BenchSupport.progress;
import static dev.sightline.audit.bench.BenchSupport.thousands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.note.NoteSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verifying the log ({@code POST /api/v1/verifications}, followed until done) against the rate at which this machine
 * merely hashes the same leaves with SHA-256: {@code bench.entries} entries (1,000,000) loaded by COPY into a durable
 * PostgreSQL with a checkpoint signed after every 50,000, as the analytics bench loads them. The leaves are read into
 * memory chunk by chunk (not timed) and hashed (timed) for the reference; the service's run is timed from its own
 * {@code startedAt} to {@code finishedAt}. Target: at least half the hashing rate. Both are measured twice; the second
 * (warm) figures count.
 */
final class VerificationBench {
    private static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);
    private static final int CHUNK = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerificationBench() {
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit(VerificationBench::run, "target/bench/verification-*.log");
    }

    private static void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench"));
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
        System.out.printf(Locale.ROOT, "Sightline audit-service verification benchmark: %,d entries%n", ENTRIES);
        System.out.println("Starting PostgreSQL (durable: fsync on, synchronous_commit on) ...");
        try (EmbeddedPostgres postgres = BenchSupport.startPostgres(work)) {
            String pgVersion = BenchSupport.createDatabase(postgres);
            String dbUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/sightline";
            KeyPair tokenKeys = BenchSupport.tokenKeys();
            AnalyticsBench.PolicyStub stub = AnalyticsBench.PolicyStub.start(BenchSupport.token(tokenKeys,
                    "service-account-bench", List.of("auditor", "audit-writer", "partnership-viewer")));
            try {
                String signingKey = NoteSigner.generate("sightline.example/audit-log").encodedPrivateKey();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                String auditor = "Bearer " + BenchSupport.token(tokenKeys, "ivan", List.of("auditor"));
                AnalyticsBench.Service service = AnalyticsBench.Service.start(jar,
                        work.resolve("verification-service.log"), dbUrl, tokenKeys, signingKey, stub, false,
                        Boolean.getBoolean("bench.profile"), http);
                try {
                    AnalyticsBench.load(http, service.base, auditor, dbUrl, new AnalyticsBench.Result());
                    List<String> lines = new ArrayList<>();
                    for (int round = 1; round <= 2; round++) {
                        double hashing = hashingRate(dbUrl);
                        double verifying = verificationRate(http, service.base, auditor);
                        lines.add(String.format(Locale.ROOT, "| %d%s | %s | %s | %.2f |", round,
                                round == 1 ? " (cold)" : "", thousands(hashing), thousands(verifying),
                                verifying / hashing));
                    }
                    System.out.println();
                    System.out.printf(Locale.ROOT, "PostgreSQL %s, %,d entries, %d cores%n", pgVersion, ENTRIES,
                            Runtime.getRuntime().availableProcessors());
                    System.out.println("| round | SHA-256 of the leaves alone (leaves/s) | verification run "
                            + "(entries/s) | ratio (target >= 0.5) |");
                    System.out.println("|---|---|---|---|");
                    lines.forEach(System.out::println);
                } finally {
                    service.stop();
                }
            } finally {
                stub.stop();
            }
        }
    }

    /** Leaves hashed per second with nothing else: the entries are read into memory first, untimed. */
    private static double hashingRate(String dbUrl) throws Exception {
        long nanos = 0;
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT entry FROM audit.log_entry WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            for (long from = 0; from < ENTRIES; from += CHUNK) {
                List<byte[]> entries = new ArrayList<>(CHUNK);
                query.setLong(1, from);
                query.setLong(2, from + CHUNK);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(rows.getBytes(1));
                    }
                }
                long started = System.nanoTime();
                for (byte[] entry : entries) {
                    Merkle.leafHash(entry);
                }
                nanos += System.nanoTime() - started;
                progress(String.format(Locale.ROOT, "  hashing alone: %,d / %,d leaves", from + entries.size(),
                        ENTRIES));
            }
        }
        double rate = ENTRIES / (nanos / 1e9);
        System.out.printf(Locale.ROOT, "%n  SHA-256 of %,d leaves alone: %,.0f leaves/s%n", ENTRIES, rate);
        return rate;
    }

    /** Entries per second of one verification run, from the run's own start to its end. */
    private static double verificationRate(HttpClient http, String base, String auditor) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/verifications"))
                .header("Authorization", auditor).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/v1/verifications answered " + started.statusCode() + ": "
                    + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        JsonNode job;
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(location))
                    .header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofString());
            job = JSON.readTree(answer.body());
            String state = job.path("state").asText();
            if (state.equals("DONE")) {
                break;
            }
            if (state.equals("FAILED")) {
                throw new IllegalStateException("The verification failed: " + answer.body());
            }
            progress(String.format(Locale.ROOT, "  verification: %,d / %,d entries, %,d entries/s",
                    job.path("progress").path("checked").asLong(), job.path("progress").path("total").asLong(),
                    job.path("progress").path("ratePerSecond").asLong()));
            Thread.sleep(200);
        }
        if (!job.path("result").path("ok").asBoolean()) {
            throw new IllegalStateException("The log did not verify: " + job.path("result"));
        }
        double seconds = Duration.between(Instant.parse(job.path("startedAt").asText()),
                Instant.parse(job.path("finishedAt").asText())).toNanos() / 1e9;
        double rate = job.path("result").path("verifiedSize").asLong() / seconds;
        System.out.printf(Locale.ROOT, "%n  verification run: %,d entries in %.2f s, %,.0f entries/s%n",
                job.path("result").path("verifiedSize").asLong(), seconds, rate);
        return rate;
    }
}
