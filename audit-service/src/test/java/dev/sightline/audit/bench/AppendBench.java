package dev.sightline.audit.bench;

import static dev.sightline.audit.bench.BenchSupport.ms;
import static dev.sightline.audit.bench.BenchSupport.percentile;
import static dev.sightline.audit.bench.BenchSupport.progress;
import static dev.sightline.audit.bench.BenchSupport.sorted;
import static dev.sightline.audit.bench.BenchSupport.thousands;

import dev.sightline.audit.Fixtures;
import dev.sightline.audit.log.EntryFactory;
import dev.sightline.audit.log.LogCopyFormat;
import dev.sightline.audit.log.LogVocabulary;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.audit.TestWitnesses;
import dev.sightline.verifier.note.NoteSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Appends N events through the audit-service's HTTP batch API, with the service running as its own
 * packaged process on a real, durable PostgreSQL (fsync and synchronous commit on), and prints
 * throughput, ack latency, ack-to-checkpoint latency, proof latency, and the rate at which the same
 * PostgreSQL takes the same rows by raw COPY. Run it with {@code ./mvnw -pl audit-service -am verify
 * -Pbench -DskipTests} (options: -Dbench.events, -Dbench.batch, -Dbench.clients; -Dbench.witness=true also runs
 * one witness, the C2SP tlog-witness logic behind an HTTP server in the bench's process, with quorum 1, and prints
 * the ack-to-witnessed-checkpoint latency).
 */
public final class AppendBench {
    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int BATCH = Integer.getInteger("bench.batch", 1000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final boolean WITNESS = Boolean.getBoolean("bench.witness");
    /** The heap and collector the service has in production: the pom's bench.service.jvm. */
    private static final String SERVICE_JVM = System.getProperty("bench.service.jvm", "-Xmx2g");
    private static final int RETRY_EVERY = 100;
    private static final int PROOFS = 1000;
    private static final int COPY_CHUNK = 20_000;
    private static final UUID[] PARTNERSHIPS = { UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() };
    private static final String[] CATEGORIES = { "user.content.voice", "user.content.text", "user.device.identifier",
            "user.location.coarse", "user.behavior.usage" };

    private AppendBench() {
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit(AppendBench::run, "target/bench/audit-service.log");
    }

    private static void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench"));
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
        System.out.printf(Locale.ROOT, "Sightline audit-service append benchmark: %,d events, batches of %d, %d clients%n",
                EVENTS, BATCH, CLIENTS);
        System.out.println("Starting PostgreSQL (durable: fsync on, synchronous_commit on) ...");
        try (EmbeddedPostgres postgres = BenchSupport.startPostgres(work)) {
            String pgVersion = BenchSupport.createDatabase(postgres);
            String dbUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/sightline";
            Result result = new Result();
            result.pgVersion = pgVersion;
            runService(jar, work, dbUrl, result);
            System.out.println("Measuring raw COPY of the same rows into the same PostgreSQL ...");
            result.copyRate = rawCopyRate(dbUrl);
            result.print();
        }
    }

    private static void runService(Path jar, Path work, String dbUrl, Result result) throws Exception {
        KeyPair tokenKeys = BenchSupport.tokenKeys();
        int port = BenchSupport.freePort();
        int managementPort = BenchSupport.freePort();
        Path log = work.resolve("audit-service.log");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(SERVICE_JVM.trim().split("\\s+")));
        // Verify the bench's tokens with its public key instead of asking Keycloak.
        command.add("-Dquarkus.oidc.auth-server-url=");
        if (Boolean.getBoolean("bench.profile")) {
            command.add("-XX:StartFlightRecording=filename=" + work.resolve("audit-service.jfr") + ",settings="
                    + System.getProperty("bench.jfc", "profile"));
        }
        NoteSigner logKey = NoteSigner.generate("sightline.example/audit-log");
        TestWitnesses.TestWitness witness = null;
        if (WITNESS) {
            witness = new TestWitnesses.TestWitness("witness.bench.example", logKey.verifier());
            command.addAll(List.of("-Dsightline.witness.witnesses.bench.url=" + witness.url(),
                    "-Dsightline.witness.witnesses.bench.key=" + witness.key().encoded(), "-Dsightline.witness.quorum=1"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort),
                "DB_URL", dbUrl,
                "DB_USER", "audit_app",
                "DB_PASSWORD", "audit_app",
                "DB_OWNER_USER", "postgres",
                "DB_OWNER_PASSWORD", "postgres",
                "LOG_SIGNING_KEY", logKey.encodedPrivateKey(),
                "QUARKUS_OIDC_PUBLIC_KEY", BenchSupport.publicKeyBase64(tokenKeys),
                "QUARKUS_OIDC_TOKEN_ISSUER", BenchSupport.ISSUER));
        System.out.println("Starting the packaged audit-service on port " + port + " (log: " + log + ") ...");
        Process service = builder.start();
        try {
            String base = "http://localhost:" + port;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            BenchSupport.awaitReady(http, base, service, Duration.ofSeconds(90));
            String writer = "Bearer " + BenchSupport.token(tokenKeys, "assistant-gateway", List.of("audit-writer"));
            String auditor = "Bearer " + BenchSupport.token(tokenKeys, "ivan", List.of("auditor"));
            append(http, base, writer, witness, service.pid(), result);
            measureProofs(http, base, "http://localhost:" + managementPort, auditor, result);
            try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "");
                    ResultSet rows = connection.createStatement().executeQuery(
                            "SELECT count(*), count(DISTINCT event_id), max(seq) FROM audit.log_entry")) {
                rows.next();
                result.stored = rows.getLong(1);
                result.distinct = rows.getLong(2);
                result.maxSeq = rows.getLong(3);
            }
        } finally {
            if (witness != null) {
                witness.stop();
            }
            service.destroy();
            service.waitFor();
        }
    }

    private static void append(HttpClient http, String base, String token, TestWitnesses.TestWitness witness,
            long servicePid, Result result) throws Exception {
        int batches = (EVENTS + BATCH - 1) / BATCH;
        long[] ackNanos = new long[batches];
        long[] ackAt = new long[batches];
        long[] lastSeq = new long[batches];
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong appended = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        ConcurrentLinkedQueue<long[]> checkpoints = new ConcurrentLinkedQueue<>();
        AtomicLong signedSize = new AtomicLong();
        Thread poller = new Thread(() -> pollCheckpoints(http, base, checkpoints, signedSize), "checkpoint-poller");
        poller.setDaemon(true);
        poller.start();
        ConcurrentLinkedQueue<long[]> witnessed = new ConcurrentLinkedQueue<>();
        Thread witnessPoller = new Thread(() -> pollWitness(witness, witnessed), "witness-poller");
        witnessPoller.setDaemon(true);
        if (witness != null) {
            witnessPoller.start();
        }

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        // the CPU time of the service's JIT compiler threads, sampled once a second: where the cold start goes
        List<double[]> compilerCpu = new ArrayList<>();
        long started = System.nanoTime();
        compilerCpu.add(new double[] { started, compilerCpuSeconds(servicePid) });
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            work.add(clients.submit(() -> {
                int b;
                while ((b = nextBatch.getAndIncrement()) < batches) {
                    int size = Math.min(BATCH, EVENTS - b * BATCH);
                    String body = batchBody(size);
                    long sent = System.nanoTime();
                    String response = post(http, base + "/api/v1/events/batch", token, body, 201);
                    long acked = System.nanoTime();
                    ackNanos[b] = acked - sent;
                    ackAt[b] = acked;
                    lastSeq[b] = lastSeq(response);
                    appended.addAndGet(size);
                    if (b % RETRY_EVERY == 0) {
                        post(http, base + "/api/v1/events/batch", token, body, 200);
                        retried.addAndGet(size);
                    }
                }
                return null;
            }));
        }
        while (work.stream().anyMatch(f -> !f.isDone())) {
            Thread.sleep(1000);
            compilerCpu.add(new double[] { System.nanoTime(), compilerCpuSeconds(servicePid) });
            double seconds = (System.nanoTime() - started) / 1e9;
            progress(String.format(Locale.ROOT, "  appended %,d / %,d events   %,.0f events/s   signed checkpoint %,d",
                    appended.get(), EVENTS, appended.get() / seconds, signedSize.get()));
        }
        for (Future<?> f : work) {
            f.get();
        }
        long elapsed = System.nanoTime() - started;
        clients.shutdown();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (signedSize.get() < EVENTS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        poller.interrupt();
        if (witness != null) {
            while (witness.cosignedSize() < EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            witnessPoller.interrupt();
            result.witnessed = sorted(latencies(witnessed, ackAt, lastSeq, batches), batches);
        }
        System.out.println();

        long[] toCheckpoint = latencies(checkpoints, ackAt, lastSeq, batches);
        result.seconds = elapsed / 1e9;
        result.rate = EVENTS / result.seconds;
        // the service is started fresh for the bench, and its JIT compilers take much of the machine for the first
        // few hundred thousand events (the compiler threads' CPU time shows it): the rate per tenth of the events
        // shows the ramp, and the rate of the second half is the one the service keeps
        compilerCpu.add(new double[] { System.nanoTime(), compilerCpuSeconds(servicePid) });
        long[] acks = Arrays.copyOf(ackAt, batches);
        Arrays.sort(acks);
        if (batches >= 10) {
            result.tenths = new double[10];
            long from = started;
            for (int t = 0; t < 10; t++) {
                int first = batches * t / 10;
                int last = batches * (t + 1) / 10 - 1;
                long events = (long) (last - first + 1) * BATCH;
                result.tenths[t] = events / ((acks[last] - from) / 1e9);
                from = acks[last];
            }
            int half = batches / 2;
            result.halfSeconds = (acks[half - 1] - started) / 1e9;
            result.keptRate = (EVENTS - (long) half * BATCH) / ((acks[batches - 1] - acks[half - 1]) / 1e9);
            result.compilerFirstHalf = compilerCpuBetween(compilerCpu, started, acks[half - 1]);
            result.compilerSecondHalf = compilerCpuBetween(compilerCpu, acks[half - 1], acks[batches - 1]);
        }
        result.ack = sorted(ackNanos, batches);
        result.checkpoint = sorted(toCheckpoint, batches);
        result.retriedEvents = retried.get();
    }

    /** For each batch: from its ack to the first observed size above its last seq. */
    private static long[] latencies(ConcurrentLinkedQueue<long[]> observations, long[] ackAt, long[] lastSeq,
            int batches) {
        long[] latency = new long[batches];
        List<long[]> seen = new ArrayList<>(observations);
        for (int b = 0; b < batches; b++) {
            latency[b] = Long.MAX_VALUE;
            for (long[] observed : seen) {
                if (observed[1] > lastSeq[b] && observed[0] >= ackAt[b]) {
                    latency[b] = observed[0] - ackAt[b];
                    break;
                }
            }
        }
        return latency;
    }

    /** The witness runs in this process: its cosigned size is read directly, every millisecond. */
    private static void pollWitness(TestWitnesses.TestWitness witness, ConcurrentLinkedQueue<long[]> seen) {
        long last = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long size = witness.cosignedSize();
            if (size > last) {
                last = size;
                seen.add(new long[] { System.nanoTime(), size });
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void pollCheckpoints(HttpClient http, String base, ConcurrentLinkedQueue<long[]> seen,
            AtomicLong signed) {
        HttpRequest latest = HttpRequest.newBuilder(URI.create(base + "/api/v1/checkpoints/latest"))
                .header("Accept", "application/json").build();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String body = http.send(latest, HttpResponse.BodyHandlers.ofString()).body();
                int at = body.indexOf("\"size\":") + 7;
                long size = Long.parseLong(body.substring(at, indexOfNonDigit(body, at)));
                if (size > signed.get()) {
                    signed.set(size);
                    seen.add(new long[] { System.nanoTime(), size });
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // keep polling; a missed poll only widens the measured latency
            }
        }
    }

    private static void measureProofs(HttpClient http, String base, String management, String token, Result result)
            throws Exception {
        System.out.printf(Locale.ROOT, "Measuring %d inclusion and %d consistency proofs at size %,d ...%n", PROOFS,
                PROOFS, EVENTS);
        long[] inclusion = new long[PROOFS];
        long[] consistency = new long[PROOFS];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < PROOFS; i++) {
            long start = System.nanoTime();
            post(http, base + "/api/v1/proofs/inclusion?seq=" + random.nextLong(EVENTS) + "&treeSize=" + EVENTS,
                    token, null, 200);
            inclusion[i] = System.nanoTime() - start;
            start = System.nanoTime();
            post(http, base + "/api/v1/proofs/consistency?from=" + (1 + random.nextLong(EVENTS - 1)) + "&to=" + EVENTS,
                    token, null, 200);
            consistency[i] = System.nanoTime() - start;
        }
        long[] floor = new long[PROOFS];
        for (int i = 0; i < PROOFS; i++) {
            long start = System.nanoTime();
            post(http, base + "/api/v1/checkpoints?size=0", token, null, 200);
            floor[i] = System.nanoTime() - start;
        }
        result.floor = sorted(floor, PROOFS);
        long[] open = new long[PROOFS];
        for (int i = 0; i < PROOFS; i++) {
            long start = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/keys")).build(),
                    HttpResponse.BodyHandlers.ofString());
            open[i] = System.nanoTime() - start;
        }
        result.openFloor = sorted(open, PROOFS);
        result.inclusion = sorted(inclusion, PROOFS);
        result.consistency = sorted(consistency, PROOFS);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(management + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        result.inclusionServerMean = serverMean(metrics, "/api/v1/proofs/inclusion");
        result.consistencyServerMean = serverMean(metrics, "/api/v1/proofs/consistency");
        result.inclusionBuild = quantiles(metrics, "inclusion");
        result.consistencyBuild = quantiles(metrics, "consistency");
    }

    /** p50 and p99 seconds of building one proof of the kind, from the service's sightline_proof_seconds. */
    private static double[] quantiles(String metrics, String kind) {
        double[] result = { Double.NaN, Double.NaN };
        for (String line : metrics.split("\n")) {
            if (line.startsWith("sightline_proof_seconds{") && line.contains("kind=\"" + kind + "\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.contains("quantile=\"0.5\"")) {
                    result[0] = value;
                } else if (line.contains("quantile=\"0.99\"")) {
                    result[1] = value;
                }
            }
        }
        return result;
    }

    /** Mean seconds the service itself spent on a path, from its Prometheus metrics. */
    private static double serverMean(String metrics, String uri) {
        double sum = 0;
        double count = 0;
        for (String line : metrics.split("\n")) {
            if (line.contains("uri=\"" + uri + "\"") && line.startsWith("http_server_requests_seconds_")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_sum")) {
                    sum += value;
                } else if (line.startsWith("http_server_requests_seconds_count")) {
                    count += value;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The same rows, built the way the service builds them, COPYed in chunks as large as its commit groups. */
    private static double rawCopyRate(String dbUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE audit.copy_reference (LIKE audit.log_entry INCLUDING ALL)");
            }
            connection.setAutoCommit(false);
            PGConnection pg = connection.unwrap(PGConnection.class);
            long copyNanos = 0;
            Instant now = Instant.now();
            for (int start = 0; start < EVENTS; start += COPY_CHUNK) {
                StringBuilder rows = new StringBuilder(COPY_CHUNK * 800);
                for (int seq = start; seq < Math.min(EVENTS, start + COPY_CHUNK); seq++) {
                    LogCopyFormat.appendRow(rows, seq, EntryFactory.prepare(event(), now));
                }
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                long begin = System.nanoTime();
                pg.getCopyAPI().copyIn("COPY audit.copy_reference " + LogCopyFormat.COLUMNS + " FROM STDIN",
                        new ByteArrayInputStream(bytes));
                connection.commit();
                copyNanos += System.nanoTime() - begin;
                progress(String.format(Locale.ROOT, "  copied %,d / %,d rows", Math.min(EVENTS, start + COPY_CHUNK),
                        EVENTS));
            }
            System.out.println();
            return EVENTS / (copyNanos / 1e9);
        }
    }

    private static EventRequest event() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new EventRequest(UUID.randomUUID(), Instant.parse("2026-11-29T10:15:30Z"),
                PARTNERSHIPS[random.nextInt(PARTNERSHIPS.length)],
                new EventRequest.Actor(LogVocabulary.ActorType.PARTNER_SYSTEM, "nimbus-llm-gateway"),
                LogVocabulary.Action.INFERENCE, "assistant", List.of(CATEGORIES[random.nextInt(CATEGORIES.length)]),
                1L, Fixtures.pseudonym(random.nextLong()),
                new EventRequest.Processing(LogVocabulary.ProcessingMode.ON_DEVICE, "DE"), "voice-assistance",
                LogVocabulary.Outcome.ALLOWED, null);
    }

    private static String batchBody(int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder(size * 460).append("{\"events\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"eventId\":\"").append(UUID.randomUUID())
                    .append("\",\"occurredAt\":\"2026-11-29T10:15:30.123Z\",\"partnershipId\":\"")
                    .append(PARTNERSHIPS[random.nextInt(PARTNERSHIPS.length)])
                    .append("\",\"actor\":{\"type\":\"PARTNER_SYSTEM\",\"id\":\"nimbus-llm-gateway\"},")
                    .append("\"action\":\"INFERENCE\",\"feature\":\"assistant\",\"dataCategories\":[\"")
                    .append(CATEGORIES[random.nextInt(CATEGORIES.length)])
                    .append("\"],\"recordCount\":1,\"subjectRef\":\"").append(Fixtures.pseudonym(random.nextLong()))
                    .append("\",\"processing\":{\"mode\":\"ON_DEVICE\",\"country\":\"DE\"},")
                    .append("\"purpose\":\"voice-assistance\",\"outcome\":\"ALLOWED\"}");
        }
        return body.append("]}").toString();
    }

    private static String post(HttpClient http, String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .timeout(Duration.ofSeconds(120));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long lastSeq(String response) {
        int at = response.lastIndexOf("\"seq\":") + 6;
        return Long.parseLong(response.substring(at, indexOfNonDigit(response, at)));
    }

    private static int indexOfNonDigit(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The CPU time, in seconds, of the JIT compiler threads of process {@code pid} (Linux: {@code /proc/PID/task}), or
     * NaN where that cannot be read.
     */
    private static double compilerCpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        double ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException | RuntimeException e) {
                    // a compiler thread that ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / 100; // USER_HZ
    }

    /** The compiler CPU seconds spent between two instants, from the samples taken (nanoTime, seconds) in order. */
    private static double compilerCpuBetween(List<double[]> samples, long from, long to) {
        return at(samples, to) - at(samples, from);
    }

    private static double at(List<double[]> samples, long nanos) {
        double[] before = samples.get(0);
        for (double[] sample : samples) {
            if (sample[0] > nanos) {
                double share = (nanos - before[0]) / Math.max(1, sample[0] - before[0]);
                return before[1] + share * (sample[1] - before[1]);
            }
            before = sample;
        }
        return before[1];
    }

    private static final class Result {
        String pgVersion;
        double seconds;
        double rate;
        double[] tenths;
        double halfSeconds;
        double keptRate;
        double compilerFirstHalf;
        double compilerSecondHalf;
        long[] ack;
        long[] checkpoint;
        long[] witnessed;
        long[] inclusion;
        long[] consistency;
        double inclusionServerMean;
        double[] inclusionBuild;
        double[] consistencyBuild;
        long[] floor;
        long[] openFloor;
        double consistencyServerMean;
        long retriedEvents;
        long stored;
        long distinct;
        long maxSeq;
        double copyRate;

        void print() {
            double ratio = rate / copyRate;
            double checkpointP50 = percentile(checkpoint, 50);
            System.out.println();
            System.out.println("Sightline audit-service: append benchmark");
            System.out.printf(Locale.ROOT, "  machine        %d cores, Java %s, PostgreSQL %s (fsync on, synchronous_commit on)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), pgVersion);
            System.out.printf(Locale.ROOT, "  workload       %,d events via POST /api/v1/events/batch (%d per batch, %d clients), "
                    + "every %dth batch posted twice%n", EVENTS, BATCH, CLIENTS, RETRY_EVERY);
            System.out.printf(Locale.ROOT, "  service JVM    %s%n", SERVICE_JVM);
            System.out.println("  ----------------------------------------------------------------------------------");
            row("append rate", thousands(rate) + " events/s", String.format(Locale.ROOT, "%.1f s in all, from the "
                    + "service's start", seconds), rate >= 20_000);
            if (tenths != null) {
                StringBuilder ramp = new StringBuilder();
                for (double t : tenths) {
                    ramp.append(ramp.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1fk", t / 1000));
                }
                row("rate by tenth", ramp.toString(), "events/s, from the service's start", null);
                row("rate kept", thousands(keptRate) + " events/s", String.format(Locale.ROOT, "over the second half of "
                        + "the events (after %.1f s)", halfSeconds), keptRate >= 20_000);
                if (!Double.isNaN(compilerFirstHalf)) {
                    row("service JIT", String.format(Locale.ROOT, "%.1f s / %.1f s", compilerFirstHalf,
                            compilerSecondHalf), "CPU of its compiler threads in the first / second half", null);
                }
            }
            row("ack latency", "p50 " + ms(percentile(ack, 50)), "p99 " + ms(percentile(ack, 99)) + " per batch", null);
            row("ack to checkpoint", "p50 " + ms(checkpointP50), "p99 " + ms(percentile(checkpoint, 99)),
                    checkpointP50 <= 1e9);
            if (witnessed != null) {
                row("ack to witnessed checkpoint", "p50 " + ms(percentile(witnessed, 50)), "p99 "
                        + ms(percentile(witnessed, 99)) + " (one witness, quorum 1)", null);
            }
            row("inclusion proof", "p50 " + ms(percentile(inclusion, 50)), "p99 " + ms(percentile(inclusion, 99))
                    + " at size " + thousands(EVENTS) + ", server mean " + ms(inclusionServerMean * 1e9),
                    percentile(inclusion, 99) <= 1e7);
            row("consistency proof", "p50 " + ms(percentile(consistency, 50)), "p99 " + ms(percentile(consistency, 99))
                    + ", server mean " + ms(consistencyServerMean * 1e9), percentile(consistency, 99) <= 1e7);
            row("building a proof", "p50 " + ms(inclusionBuild[0] * 1e9) + " / " + ms(consistencyBuild[0] * 1e9),
                    "p99 " + ms(inclusionBuild[1] * 1e9) + " / " + ms(consistencyBuild[1] * 1e9)
                    + " (inclusion / consistency, inside the service)",
                    Math.max(inclusionBuild[1], consistencyBuild[1]) <= 0.01);
            row("authenticated GET", "p50 " + ms(percentile(floor, 50)), "p99 " + ms(percentile(floor, 99))
                    + " (GET /checkpoints?size=0: the floor under a proof)", null);
            row("public GET", "p50 " + ms(percentile(openFloor, 50)), "p99 " + ms(percentile(openFloor, 99))
                    + " (GET /keys: no token, no database)", null);
            row("raw COPY, same rows", thousands(copyRate) + " rows/s", "same PostgreSQL, same indexes", null);
            row("HTTP / raw COPY", String.format(Locale.ROOT, "%.2f", ratio), "target >= 0.50", ratio >= 0.5);
            row("retries", thousands(retriedEvents) + " events", "answered as duplicates, nothing stored twice", null);
            row("stored", thousands(stored) + " entries", (stored == EVENTS && distinct == EVENTS
                    && maxSeq == EVENTS - 1 ? "exactly N, dense seqs, no duplicates" : "MISMATCH"),
                    stored == EVENTS && distinct == EVENTS && maxSeq == EVENTS - 1);
            System.out.println("  targets: >= 20,000 events/s, >= 0.5 x raw COPY, checkpoint p50 <= 1 s, proofs p99 <= 10 ms");
        }

        private static void row(String name, String value, String detail, Boolean met) {
            String mark = met == null ? "" : met ? "  \u2714" : "  \u2718 below target";
            System.out.printf(Locale.ROOT, "  %-20s %-22s %s%s%n", name, value, detail, mark);
        }
    }
}
