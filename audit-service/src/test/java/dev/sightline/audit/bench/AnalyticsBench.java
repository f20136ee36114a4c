package dev.sightline.audit.bench;

import static dev.sightline.audit.bench.BenchSupport.ms;
import static dev.sightline.audit.bench.BenchSupport.percentile;
import static dev.sightline.audit.bench.BenchSupport.progress;
import static dev.sightline.audit.bench.BenchSupport.sorted;
import static dev.sightline.audit.bench.BenchSupport.thousands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sightline.audit.Fixtures;
import dev.sightline.audit.log.EntryFactory.PreparedEntry;
import dev.sightline.audit.log.EntryFactory;
import dev.sightline.audit.log.LogCopyFormat;
import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.LogVocabulary.ActorType;
import dev.sightline.audit.log.LogVocabulary.Disposition;
import dev.sightline.audit.log.LogVocabulary.Outcome;
import dev.sightline.audit.log.LogVocabulary.ProcessingMode;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.verifier.note.NoteSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * The analytics benchmark: N entries (default 10,000,000) over about 13 months are written straight into
 * {@code audit.log_entry} by COPY, formatted by the service's own {@link EntryFactory} and {@link LogCopyFormat}, with a
 * checkpoint signed by the service after every chunk (the HTTP append path is AppendBench's); then the packaged
 * service is restarted with its analytics worker on, against a stub partnership-service this bench serves itself,
 * and the bench times the worker's catch-up (rollups and verdicts) and each analytics query over HTTP. Run it with
 * {@code ./mvnw -pl audit-service -am verify -Pbench-analytics -DskipTests [-Dbench.entries=N]}.
 */
public final class AnalyticsBench {
    private static final int ENTRIES = Integer.getInteger("bench.entries", 10_000_000);
    private static final int SUBJECTS = Integer.getInteger("bench.subjects", 2_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 20);
    private static final int CHUNK = 50_000;
    private static final int PREPARE_GROUP = 1000;
    private static final double TARGET_NANOS = 2e9;

    /** The log spans 13 months ending four days before the machine's "today" in the design (2026-11-29). */
    private static final Instant START = Instant.parse("2025-10-25T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T00:00:00Z");
    /** The one-year period queried: deliberately not on day boundaries, so both partial-day edges are exercised. */
    private static final Instant FROM = Instant.parse("2025-11-20T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T12:00:00Z");

    static final UUID EU = UUID.fromString("00000000-0000-4000-8000-0000000000e1");
    static final UUID CN = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    static final UUID US = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    static final UUID GLOBAL = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
    private static final Map<UUID, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(EU, "EU on-device");
        NAMES.put(CN, "CN partner cloud");
        NAMES.put(US, "US covered partner");
        NAMES.put(GLOBAL, "global company cloud");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyticsBench() {
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit(AnalyticsBench::run, "target/bench/analytics-*.log");
    }

    private static void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench"));
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
        System.out.printf(Locale.ROOT, "Sightline audit-service analytics benchmark: %,d entries over %s .. %s, "
                + "%,d pseudonymous subjects%n", ENTRIES, START, END, SUBJECTS);
        System.out.println("Starting PostgreSQL (durable: fsync on, synchronous_commit on) ...");
        Result result = new Result();
        try (EmbeddedPostgres postgres = BenchSupport.startPostgres(work)) {
            result.pgVersion = BenchSupport.createDatabase(postgres);
            String dbUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/sightline";
            KeyPair tokenKeys = BenchSupport.tokenKeys();
            // the services' own client-credentials token, as Keycloak would issue it to their service accounts
            PolicyStub stub = PolicyStub.start(BenchSupport.token(tokenKeys, "service-account-bench",
                    List.of("auditor", "audit-writer", "partnership-viewer")));
            try {
                String signingKey = NoteSigner.generate("sightline.example/audit-log").encodedPrivateKey();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                String auditor = "Bearer " + BenchSupport.token(tokenKeys, "ivan", List.of("auditor"));

                // 1. The service migrates the schema and signs checkpoints while the bench loads; analytics off.
                Service loader = Service.start(jar, work.resolve("analytics-load.log"), dbUrl, tokenKeys, signingKey,
                        stub, false, false, http);
                try {
                    load(http, loader.base, auditor, dbUrl, result);
                } finally {
                    loader.stop();
                }

                // 2. The same service with its analytics worker on: time the catch-up.
                long launched = System.nanoTime();
                Service service = Service.start(jar, work.resolve("analytics-service.log"), dbUrl, tokenKeys,
                        signingKey, stub, true, Boolean.getBoolean("bench.profile"), http);
                try {
                    derive(http, service.base, auditor, dbUrl, launched, result);
                    measureQueries(http, service.base, auditor, result);
                    if (!"false".equals(System.getProperty("bench.disclosure"))) {
                        result.timings.addAll(DisclosureStep.run(http, dbUrl, tokenKeys, stub.url, service.base, FROM, TO,
                                Math.min(RUNS, 6)));
                    }
                    checkExact(http, service.base, auditor, dbUrl, result);
                    sizes(dbUrl, result);
                    result.heap = heap(http, service.management);
                    result.policyFetches = stub.policyFetches.get();
                } finally {
                    service.stop();
                }
            } finally {
                stub.stop();
            }
            result.print();
        }
    }

    // ------------------------------------------------------------------------------------------- loading

    /** Loads {@code bench.entries} entries by COPY, a checkpoint signed by the service after each chunk. */
    static void load(HttpClient http, String base, String auditor, String dbUrl, Result result)
            throws Exception {
        System.out.printf(Locale.ROOT, "Loading %,d entries by COPY in chunks of %,d, a signed checkpoint after each ...%n",
                ENTRIES, CHUNK);
        int chunks = (ENTRIES + CHUNK - 1) / CHUNK;
        ExecutorService generators = Executors.newFixedThreadPool(2);
        ArrayDeque<Future<byte[]>> ahead = new ArrayDeque<>();
        int submitted = 0;
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "")) {
            connection.setAutoCommit(false);
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (int chunk = 0; chunk < chunks; chunk++) {
                while (submitted < chunks && ahead.size() < 4) {
                    int c = submitted++;
                    ahead.add(generators.submit(() -> rows(c * CHUNK, Math.min(ENTRIES, (c + 1) * CHUNK))));
                }
                byte[] rows = ahead.poll().get();
                pg.getCopyAPI().copyIn("COPY audit.log_entry " + LogCopyFormat.COLUMNS + " FROM STDIN",
                        new ByteArrayInputStream(rows));
                connection.commit();
                post(http, base + "/api/v1/checkpoints", auditor, 200);
                long loaded = Math.min(ENTRIES, (long) (chunk + 1) * CHUNK);
                double seconds = (System.nanoTime() - started) / 1e9;
                progress(String.format(Locale.ROOT, "  loaded %,d / %,d entries (%.0f %%)   %,.0f entries/s   "
                        + "signed checkpoint %,d", loaded, ENTRIES, 100.0 * loaded / ENTRIES, loaded / seconds, loaded));
            }
        } finally {
            generators.shutdownNow();
        }
        System.out.println();
        System.out.println("  integrating: waiting for a signed checkpoint of size " + thousands(ENTRIES) + " ...");
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "")) {
            while (scalar(connection, "SELECT coalesce(max(tree_size), 0) FROM audit.checkpoint") < ENTRIES) {
                Thread.sleep(200);
            }
            result.checkpoints = scalar(connection, "SELECT count(*) FROM audit.checkpoint");
        }
        result.loadSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  loaded and integrated in %.1f s (%,.0f entries/s)%n", result.loadSeconds,
                ENTRIES / result.loadSeconds);
    }

    /** The COPY rows of entries [from, to), deterministic per range, occurredAt non-decreasing with seq. */
    private static byte[] rows(int from, int to) {
        SplittableRandom random = new SplittableRandom(0x5197_1135L ^ from);
        StringBuilder out = new StringBuilder((to - from) * 900);
        long startMicros = START.getEpochSecond() * 1_000_000L;
        double microsPerEntry = (double) ChronoUnit.MICROS.between(START, END) / ENTRIES;
        for (int group = from; group < to; group += PREPARE_GROUP) {
            int end = Math.min(to, group + PREPARE_GROUP);
            List<EventRequest> events = new ArrayList<>(end - group);
            Instant last = null;
            for (int seq = group; seq < end; seq++) {
                long micros = startMicros + (long) (seq * microsPerEntry);
                last = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
                events.add(event(random, seq, last));
            }
            List<PreparedEntry> prepared = EntryFactory.prepareAll(events, last.plusMillis(1500));
            for (int i = 0; i < prepared.size(); i++) {
                LogCopyFormat.appendRow(out, group + i, prepared.get(i));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] FEATURES = { "assistant", "assistant", "assistant", "dictation", "translate",
            "photos-search", "keyboard-suggestions" };
    private static final String[] AUTHORITIES = { "Bundeskriminalamt|DE|StPO 100a", "CNIL|FR|Code penal art. 60-1",
            "FBI|US|18 U.S.C. 2703(d)", "Ministry of Public Security|CN|PRC Cybersecurity Law art. 28",
            "Garda Siochana|IE|Criminal Justice Act 2011 s.15" };

    /** One realistic event for a partnership; a few percent are outside its policy (see {@link PolicyStub}). */
    private static EventRequest event(SplittableRandom r, long seq, Instant at) {
        int p = r.nextInt(100);
        UUID partnership = p < 35 ? EU : p < 55 ? CN : p < 80 ? US : GLOBAL;
        UUID eventId = new UUID((at.toEpochMilli() << 16) | 0x7000L | r.nextInt(0x1000),
                0x8000_0000_0000_0000L | seq);
        String subject = r.nextInt(100) == 0 ? null : subjectRef(r.nextInt(SUBJECTS));
        if (r.nextInt(1000) == 0) {
            String[] authority = AUTHORITIES[r.nextInt(AUTHORITIES.length)].split("\\|");
            Disposition disposition = Disposition.values()[r.nextInt(Disposition.values().length)];
            return new EventRequest(eventId, at, partnership, new EventRequest.Actor(ActorType.AUTHORITY,
                    authority[0].toLowerCase(Locale.ROOT).replace(' ', '-')), Action.AUTHORITY_REQUEST, null,
                    List.of("user.content.text"), 1L + r.nextInt(20), subject,
                    new EventRequest.Processing(partnership.equals(EU) ? ProcessingMode.ON_DEVICE
                            : ProcessingMode.COMPANY_CLOUD, home(partnership)), "legal-obligation",
                    Outcome.ALLOWED, new EventRequest.Authority(authority[0], authority[1], authority[2], disposition));
        }
        int a = r.nextInt(100);
        Action action = a < 68 ? Action.INFERENCE : a < 88 ? Action.READ : a < 94 ? Action.WRITE
                : a < 97 ? Action.TRANSFER : a < 99 ? Action.EXPORT : Action.DELETE;
        int o = r.nextInt(100);
        Outcome outcome = o < 95 ? Outcome.ALLOWED : o < 99 ? Outcome.DENIED : Outcome.ERROR;
        String feature = r.nextInt(20) == 0 ? null : FEATURES[r.nextInt(FEATURES.length)];
        long records = r.nextInt(10) == 0 ? 1 + r.nextInt(50) : 1;
        ProcessingMode mode;
        String country;
        String purpose;
        List<String> categories;
        int v = r.nextInt(1000);
        if (partnership.equals(EU)) {
            // on device only, EU countries, no sensitive data; 2 % in the partner's cloud, 1 % precise location
            mode = v < 20 ? ProcessingMode.PARTNER_CLOUD : ProcessingMode.ON_DEVICE;
            country = pick(r, "DE", "DE", "FR", "NL", "IE", "ES");
            purpose = pick(r, "voice-assistance", "voice-assistance", "dictation");
            categories = v >= 20 && v < 30 ? List.of("user.location.precise")
                    : categories(r, "user.content.voice", "user.content.text", "user.device.identifier",
                            "user.behavior.usage", "user.location.coarse");
        } else if (partnership.equals(CN)) {
            // partner cloud in CN allowed; processing abroad is what the CN rule counts; 0.5 % in a country not allowed
            mode = r.nextInt(3) == 0 ? ProcessingMode.ON_DEVICE : ProcessingMode.PARTNER_CLOUD;
            country = v < 5 ? "US" : pick(r, "CN", "CN", "CN", "SG", "HK");
            purpose = pick(r, "voice-assistance", "translation");
            categories = categories(r, "user.content.voice", "user.content.text", "user.device.identifier",
                    "user.location.precise", "user.location.coarse", "user.behavior.usage", "user.health.heart_rate");
        } else if (partnership.equals(US)) {
            // a covered person's cloud: what the US bulk rule counts; 0.3 % for a purpose not allowed
            mode = r.nextInt(4) == 0 ? ProcessingMode.ON_DEVICE : ProcessingMode.PARTNER_CLOUD;
            country = pick(r, "US", "US", "US", "CN");
            purpose = v < 3 ? "advertising" : pick(r, "voice-assistance", "health-insights");
            categories = categories(r, "user.content.voice", "user.device.identifier", "user.location.precise",
                    "user.health.heart_rate", "user.financial.transactions", "user.biometric.voiceprint",
                    "user.genomic.ancestry");
        } else {
            // company cloud, several markets; 0.5 % in the partner's cloud
            mode = v < 5 ? ProcessingMode.PARTNER_CLOUD : r.nextBoolean() ? ProcessingMode.ON_DEVICE
                    : ProcessingMode.COMPANY_CLOUD;
            country = pick(r, "US", "DE", "IE", "JP");
            purpose = pick(r, "voice-assistance", "photos-search", "dictation");
            categories = categories(r, "user.content.voice", "user.content.text", "user.content.photo",
                    "user.device.identifier", "user.behavior.usage");
        }
        return new EventRequest(eventId, at, partnership,
                new EventRequest.Actor(ActorType.PARTNER_SYSTEM, "partner-gateway-" + partnership.toString().substring(34)),
                action, feature, categories, records, subject, new EventRequest.Processing(mode, country), purpose,
                outcome, null);
    }

    private static String home(UUID partnership) {
        return partnership.equals(EU) ? "DE" : partnership.equals(CN) ? "CN" : partnership.equals(US) ? "US" : "IE";
    }

    private static String pick(SplittableRandom r, String... values) {
        return values[r.nextInt(values.length)];
    }

    /** One category, or (one in five) two distinct ones. */
    private static List<String> categories(SplittableRandom r, String... values) {
        int first = r.nextInt(values.length);
        if (r.nextInt(5) > 0) {
            return List.of(values[first]);
        }
        int second = (first + 1 + r.nextInt(values.length - 1)) % values.length;
        return List.of(values[first], values[second]);
    }

    /** The pseudonym of subject k, the same for the same k. */
    static String subjectRef(int k) {
        return Fixtures.pseudonym(k);
    }

    // ------------------------------------------------------------------------------------------- deriving

    private static void derive(HttpClient http, String base, String auditor, String dbUrl, long launched,
            Result result) throws Exception {
        System.out.println("Deriving (rollups + verdicts): the analytics worker catches up from seq 0 ...");
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "")) {
            long rollup = 0;
            long verdict = 0;
            long rollupDoneAt = 0;
            while (verdict < ENTRIES || rollup < ENTRIES) {
                Thread.sleep(1000);
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT stage, next_seq FROM audit.analytics_cursor")) {
                    while (rows.next()) {
                        if ("rollup".equals(rows.getString(1))) {
                            rollup = rows.getLong(2);
                        } else {
                            verdict = rows.getLong(2);
                        }
                    }
                } catch (java.sql.SQLException notYet) {
                    continue; // the service has not migrated yet (it has: the load ran it) or is busy
                }
                double seconds = (System.nanoTime() - launched) / 1e9;
                if (rollup >= ENTRIES && rollupDoneAt == 0) {
                    rollupDoneAt = System.nanoTime();
                }
                progress(String.format(Locale.ROOT, "  %.0f s   rollup %,d / %,d (%.0f %%)   verdict %,d / %,d (%.0f %%)"
                        + "   %,.0f entries/s per stage on average", seconds, rollup, ENTRIES, 100.0 * rollup / ENTRIES,
                        verdict, ENTRIES, 100.0 * verdict / ENTRIES, (rollup + verdict) / 2.0 / seconds));
            }
            result.deriveSeconds = (System.nanoTime() - launched) / 1e9;
            result.rollupSeconds = ((rollupDoneAt == 0 ? System.nanoTime() : rollupDoneAt) - launched) / 1e9;
            result.pending = scalar(connection, "SELECT count(*) FROM audit.verdict_pending");
            result.violations = scalar(connection, "SELECT count(DISTINCT seq) FROM audit.violation");
            result.violationRows = scalar(connection, "SELECT count(*) FROM audit.violation");
            result.authorityRequests = scalar(connection, "SELECT count(*) FROM audit.authority_request");
            result.subjects = scalar(connection, "SELECT count(*) FROM audit.subject");
        }
        System.out.println();
        JsonNode all = get(http, base + "/api/v1/stats", auditor);
        result.statsEvents = all.path("totals").path("events").asLong();
        System.out.printf(Locale.ROOT, "  derived in %.1f s (service start included; rollup stage done at %.1f s): "
                + "GET /api/v1/stats counts %,d events, checkpoint %,d%n", result.deriveSeconds, result.rollupSeconds,
                result.statsEvents, all.path("checkpoint").path("size").asLong());
    }

    // ------------------------------------------------------------------------------------------- queries

    private static void measureQueries(HttpClient http, String base, String auditor, Result result) throws Exception {
        String period = "from=" + enc(FROM.toString()) + "&to=" + enc(TO.toString());
        String allDims = String.join(",", List.of("category", "mode", "country", "purpose", "outcome", "action",
                "feature"));
        List<String[]> queries = new ArrayList<>();
        queries.add(new String[] { "stats, all partnerships", "/api/v1/stats?" + period });
        for (String dim : allDims.split(",")) {
            queries.add(new String[] { "stats, all, by " + dim, "/api/v1/stats?" + period + "&groupBy=" + dim });
        }
        queries.add(new String[] { "stats, all, by all 7", "/api/v1/stats?" + period + "&groupBy=" + allDims });
        for (UUID p : NAMES.keySet()) {
            String scope = "&partnershipId=" + p;
            queries.add(new String[] { "stats, " + NAMES.get(p), "/api/v1/stats?" + period + scope });
            if (p.equals(EU)) {
                for (String dim : allDims.split(",")) {
                    queries.add(new String[] { "stats, " + NAMES.get(p) + ", by " + dim,
                            "/api/v1/stats?" + period + scope + "&groupBy=" + dim });
                }
            }
            queries.add(new String[] { "stats, " + NAMES.get(p) + ", by all 7",
                    "/api/v1/stats?" + period + scope + "&groupBy=" + allDims });
        }
        String at = "at=" + enc(TO.toString());
        queries.add(new String[] { "thresholds, all partnerships", "/api/v1/thresholds?" + at });
        for (UUID p : NAMES.keySet()) {
            queries.add(new String[] { "thresholds, " + NAMES.get(p), "/api/v1/thresholds?partnershipId=" + p + "&" + at });
        }
        queries.add(new String[] { "violations, year, page 1", "/api/v1/violations?" + period + "&limit=100" });
        queries.add(new String[] { "violations, year, 10 pages", "WALK:/api/v1/violations?" + period + "&limit=100" });
        queries.add(new String[] { "violations, " + NAMES.get(EU) + ", p. 1",
                "/api/v1/violations?" + period + "&partnershipId=" + EU + "&limit=100" });
        queries.add(new String[] { "violations, MODE_NOT_ALLOWED, p. 1",
                "/api/v1/violations?" + period + "&kind=MODE_NOT_ALLOWED&limit=100" });
        queries.add(new String[] { "authority-requests, year", "/api/v1/authority-requests?" + period });
        // what the disclosure-service fetches for one disclosure: every figure at one checkpoint
        StringBuilder all = new StringBuilder();
        NAMES.keySet().forEach(p -> all.append("&partnershipId=").append(p));
        queries.add(new String[] { "figures (disclosure), " + NAMES.get(EU), "/api/v1/figures?" + period
                + "&partnershipId=" + EU });
        queries.add(new String[] { "figures (disclosure), all", "/api/v1/figures?" + period + all });

        System.out.printf(Locale.ROOT, "Timing %d queries over HTTP, %d times each (first run = cold) ...%n",
                queries.size(), RUNS);
        int done = 0;
        for (String[] query : queries) {
            long[] nanos = new long[RUNS];
            String detail = "";
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                if (query[1].startsWith("WALK:")) {
                    int pages = walk(http, base + query[1].substring(5), auditor, 10);
                    detail = pages + " pages";
                } else {
                    JsonNode answer = get(http, base + query[1], auditor);
                    detail = describe(answer);
                }
                nanos[i] = System.nanoTime() - start;
            }
            result.timings.add(new Timing(query[0], nanos[0], sorted(java.util.Arrays.copyOfRange(nanos, 1, RUNS),
                    RUNS - 1), detail));
            progress(String.format(Locale.ROOT, "  %d / %d: %s, cold %s", ++done, queries.size(), query[0],
                    ms(nanos[0])));
        }
        System.out.println();
    }

    private static String describe(JsonNode answer) {
        if (answer.has("totals")) {
            JsonNode t = answer.path("totals");
            int groups = 0;
            for (JsonNode b : answer.path("breakdowns")) {
                groups += b.path("groups").size();
            }
            return String.format(Locale.ROOT, "%,d ev, %,d subj%s", t.path("events").asLong(),
                    t.path("subjects").asLong(), groups == 0 ? "" : ", " + groups + " groups");
        }
        if (answer.has("results")) {
            long exceeded = 0;
            for (JsonNode r : answer.path("results")) {
                if ("EXCEEDED".equals(r.path("status").asText())) {
                    exceeded++;
                }
            }
            return answer.path("results").size() + " results, " + exceeded + " exceeded";
        }
        if (answer.has("items")) {
            return answer.path("items").size() + " items";
        }
        if (answer.has("total")) {
            return thousands(answer.path("total").asLong()) + " requests";
        }
        return "";
    }

    private static int walk(HttpClient http, String url, String auditor, int pages) throws Exception {
        String after = "-1";
        int walked = 0;
        while (walked < pages) {
            JsonNode page = get(http, url + "&after=" + after, auditor);
            walked++;
            if (page.path("next").isNull() || page.path("next").isMissingNode()) {
                break;
            }
            after = page.path("next").asText();
        }
        return walked;
    }

    // ------------------------------------------------------------------------------------------- exactness, sizes

    private static void checkExact(HttpClient http, String base, String auditor, String dbUrl, Result result)
            throws Exception {
        System.out.println("Checking exactness against direct SQL over audit.log_entry ...");
        String period = "from=" + enc(FROM.toString()) + "&to=" + enc(TO.toString());
        boolean exact = true;
        StringBuilder detail = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "")) {
            for (UUID p : new UUID[] { EU, null }) {
                JsonNode stats = get(http, base + "/api/v1/stats?" + period + (p == null ? "" : "&partnershipId=" + p),
                        auditor);
                long size = stats.path("checkpoint").path("size").asLong();
                try (PreparedStatement select = connection.prepareStatement("SELECT count(*), coalesce(sum(record_count), 0), "
                        + "count(DISTINCT subject_ref) FROM audit.log_entry WHERE occurred_at >= ? AND occurred_at < ? "
                        + "AND seq < ? AND cardinality(data_categories) > 0"
                        + (p == null ? "" : " AND partnership_id = ?"))) {
                    select.setObject(1, FROM.atOffset(ZoneOffset.UTC));
                    select.setObject(2, TO.atOffset(ZoneOffset.UTC));
                    select.setLong(3, size);
                    if (p != null) {
                        select.setObject(4, p);
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                        JsonNode t = stats.path("totals");
                        boolean same = rows.getLong(1) == t.path("events").asLong()
                                && rows.getLong(2) == t.path("records").asLong()
                                && rows.getLong(3) == t.path("subjects").asLong();
                        exact &= same;
                        detail.append(String.format(Locale.ROOT, "%s%s: API %,d / %,d / %,d, SQL %,d / %,d / %,d",
                                detail.length() == 0 ? "" : "; ", p == null ? "all" : NAMES.get(p),
                                t.path("events").asLong(), t.path("records").asLong(), t.path("subjects").asLong(),
                                rows.getLong(1), rows.getLong(2), rows.getLong(3)));
                    }
                }
            }
        }
        result.exact = exact;
        result.exactDetail = detail.toString();
    }

    private static void sizes(String dbUrl, Result result) throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "")) {
            result.logBytes = scalar(connection, "SELECT pg_total_relation_size('audit.log_entry')");
            for (String table : List.of("stats_rollup", "stats_rollup_month", "exposure_rollup",
                    "exposure_rollup_month", "subject", "violation", "authority_request", "policy_revision",
                    "verdict_pending")) {
                long bytes = scalar(connection, "SELECT pg_total_relation_size('audit." + table + "')");
                long rows = scalar(connection, "SELECT count(*) FROM audit." + table);
                result.derived.put(table, new long[] { bytes, rows });
            }
        }
    }

    private static double heap(HttpClient http, String management) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(management + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double used = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private static long scalar(Connection connection, String sql) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .timeout(Duration.ofSeconds(300)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void post(HttpClient http, String url, String token, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .timeout(Duration.ofSeconds(300)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The packaged service as its own process. */
    static final class Service {
        final Process process;
        final String base;
        /** The management interface, which serves the metrics. */
        final String management;

        private Service(Process process, String base, String management) {
            this.process = process;
            this.base = base;
            this.management = management;
        }

        static Service start(Path jar, Path log, String dbUrl, KeyPair tokenKeys, String signingKey, PolicyStub stub,
                boolean analytics, boolean profile, HttpClient http) throws Exception {
            int port = BenchSupport.freePort();
            int managementPort = BenchSupport.freePort();
            List<String> command = new ArrayList<>(List.of("java", "-Xmx2g",
                    // Verify the bench's tokens with its public key instead of asking Keycloak.
                    "-Dquarkus.oidc.auth-server-url="));
            if (profile) {
                command.add("-XX:StartFlightRecording=filename=" + log.resolveSibling("analytics-service.jfr")
                        + ",settings=" + System.getProperty("bench.jfc", "profile"));
            }
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            env.put("DB_URL", dbUrl);
            env.put("DB_USER", "audit_app");
            env.put("DB_PASSWORD", "audit_app");
            env.put("DB_OWNER_USER", "postgres");
            env.put("DB_OWNER_PASSWORD", "postgres");
            env.put("LOG_SIGNING_KEY", signingKey);
            env.put("QUARKUS_OIDC_PUBLIC_KEY", BenchSupport.publicKeyBase64(tokenKeys));
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", BenchSupport.ISSUER);
            env.put("ANALYTICS_ENABLED", Boolean.toString(analytics));
            // the loaded entries were received over past months, long before the bench signs their checkpoints:
            // no gap for a verification run to report
            env.put("SIGHTLINE_LOG_VERIFICATION_MAX_CHECKPOINT_DELAY", "P3650D");
            // the partnership-service and its token endpoint: the bench's stub
            env.put("PARTNERSHIP_URL", stub.url);
            env.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", stub.url + "/realms/sightline");
            builder.environment().putAll(env);
            System.out.println("Starting the packaged audit-service on port " + port + ", analytics "
                    + (analytics ? "on" : "off") + " (log: " + log + ") ...");
            Process process = builder.start();
            String base = "http://localhost:" + port;
            BenchSupport.awaitReady(http, base, process, Duration.ofSeconds(120));
            return new Service(process, base, "http://localhost:" + managementPort);
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * The partnership-service as far as this service needs it: the token endpoint of its client credentials and
     * {@code GET /api/v1/partnerships/{id}/policy}, one revision per partnership in force since 2024.
     */
    static final class PolicyStub {
        final HttpServer server;
        final String url;
        final AtomicLong policyFetches = new AtomicLong();

        private PolicyStub(HttpServer server) {
            this.server = server;
            this.url = "http://localhost:" + server.getAddress().getPort();
        }

        static PolicyStub start(String accessToken) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            PolicyStub stub = new PolicyStub(server);
            server.createContext("/realms/sightline/protocol/openid-connect/token", exchange -> respond(exchange, 200,
                    "{\"access_token\": \"" + accessToken + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));
            server.createContext("/api/v1/partnerships", exchange -> {
                String[] parts = exchange.getRequestURI().getPath().split("/");
                String body = null;
                if (parts.length == 4) { // the list, for the disclosure-service's default selection
                    body = "{\"items\": [" + String.join(", ", NAMES.keySet().stream()
                            .map(id -> "{\"id\": \"" + id + "\"}").toList()) + "]}";
                } else if (parts.length == 6 && "policy".equals(parts[5])) {
                    stub.policyFetches.incrementAndGet();
                    body = policy(parts[4]);
                } else if (parts.length == 5) {
                    body = partnership(parts[4]);
                } else if (parts.length == 6 && "revisions".equals(parts[5])) {
                    body = "{\"items\": [{\"revision\": 1, \"validFrom\": \"2024-01-01T00:00:00Z\", \"kind\": "
                            + "\"CREATED\"}]}";
                }
                respond(exchange, body == null ? 404 : 200, body == null ? "{\"status\": 404}" : body);
            });
            server.createContext("/api/v1/partners/", exchange -> {
                String id = exchange.getRequestURI().getPath().substring("/api/v1/partners/".length());
                respond(exchange, 200, "{\"id\": \"" + id + "\", \"legalName\": \"Bench Partner " + id.substring(34)
                        + "\", \"countryOfIncorporation\": \"CN\", \"headquartersCountry\": \"CN\", \"parentGroup\": "
                        + "null, \"nationalSecurityAccess\": true, \"coveredPerson\": true}");
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            System.out.println("Stub partnership-service (token and policy endpoints) at " + stub.url);
            return stub;
        }

        void stop() {
            server.stop(0);
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static String policy(String id) {
            UUID partnership;
            try {
                partnership = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (partnership.equals(EU)) {
                return document(partnership, "11111111-0000-4000-8000-0000000000e1", "DE", false, "[\"EU\"]",
                        "[\"user.content\", \"user.device\", \"user.behavior\", \"user.location\"]", "[\"ON_DEVICE\"]",
                        "[\"DE\", \"FR\", \"NL\", \"IE\", \"ES\"]", "[\"voice-assistance\", \"dictation\", \"legal-obligation\"]",
                        false);
            }
            if (partnership.equals(CN)) {
                return document(partnership, "11111111-0000-4000-8000-0000000000c1", "CN", false, "[\"CN\"]",
                        "[\"user.content\", \"user.device\", \"user.location\", \"user.behavior\", \"user.health\"]",
                        "[\"ON_DEVICE\", \"PARTNER_CLOUD\", \"COMPANY_CLOUD\"]", "[\"CN\", \"SG\", \"HK\"]",
                        "[\"voice-assistance\", \"translation\", \"legal-obligation\"]", true);
            }
            if (partnership.equals(US)) {
                return document(partnership, "11111111-0000-4000-8000-0000000000a1", "CN", true, "[\"US\"]",
                        "[\"user.content\", \"user.device\", \"user.location\", \"user.health\", \"user.financial\", "
                                + "\"user.biometric\", \"user.genomic\"]",
                        "[\"ON_DEVICE\", \"PARTNER_CLOUD\", \"COMPANY_CLOUD\"]", "[\"US\", \"CN\"]",
                        "[\"voice-assistance\", \"health-insights\", \"legal-obligation\"]", true);
            }
            if (partnership.equals(GLOBAL)) {
                return document(partnership, "11111111-0000-4000-8000-0000000000f1", "US", false,
                        "[\"US\", \"EU\", \"JP\"]", "[\"user.content\", \"user.device\", \"user.behavior\"]",
                        "[\"ON_DEVICE\", \"COMPANY_CLOUD\"]", "[\"US\", \"DE\", \"IE\", \"JP\"]",
                        "[\"voice-assistance\", \"photos-search\", \"dictation\", \"legal-obligation\"]", false);
            }
            return null;
        }

        /** The partnership record as the partnership-service serves it, built from its policy document. */
        private static String partnership(String id) throws IOException {
            String policy = policy(id);
            if (policy == null) {
                return null;
            }
            JsonNode p = JSON.readTree(policy);
            com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
            out.put("id", id).put("reference", "PRT-BENCH-" + id.substring(34)).put("title", NAMES.get(UUID.fromString(id)))
                    .put("status", "ACTIVE").put("effectiveFrom", "2024-01-01").putNull("effectiveTo")
                    .put("partnerId", p.path("partnerId").asText()).put("revision", 1);
            out.set("markets", p.path("markets"));
            out.putArray("aiSystems").addObject().put("name", "Bench-LM").put("provider", "Bench Partner")
                    .put("version", "1").put("riskClass", "LIMITED").put("generalPurpose", true);
            out.putArray("features").addObject().put("key", "assistant").put("name", "Assistant").put("purpose", "Help");
            com.fasterxml.jackson.databind.node.ObjectNode policyOut = out.putObject("dataPolicy");
            for (String field : List.of("allowedCategories", "forbiddenCategories", "allowedModes", "allowedCountries",
                    "allowedPurposes", "retentionDays", "sensitiveAllowed")) {
                policyOut.set(field, p.path(field));
            }
            out.putArray("transfers");
            out.putArray("legalBases");
            out.putArray("assessments");
            out.putArray("filings");
            out.putArray("publicCommitments");
            return out.toString();
        }

        private static String document(UUID partnership, String partner, String partnerCountry, boolean covered,
                String markets, String categories, String modes, String countries, String purposes,
                boolean sensitive) {
            return "{\"partnershipId\": \"" + partnership + "\", \"revision\": 1, \"at\": \"" + Instant.now() + "\", "
                    + "\"status\": \"ACTIVE\", \"effectiveFrom\": \"2024-01-01\", \"effectiveTo\": null, \"active\": true, "
                    + "\"allowedCategories\": " + categories + ", \"forbiddenCategories\": [\"user.minor\"], "
                    + "\"allowedModes\": " + modes + ", \"allowedCountries\": " + countries + ", "
                    + "\"allowedPurposes\": " + purposes + ", \"retentionDays\": 30, "
                    + "\"sensitiveAllowed\": " + sensitive + ", \"sensitiveCategories\": [\"user.biometric\", "
                    + "\"user.genomic\", \"user.health\", \"user.location.precise\", \"user.financial\"], "
                    + "\"taxonomyVersion\": \"2026.1\", \"revisionValidFrom\": \"2024-01-01T00:00:00Z\", "
                    + "\"revisionValidUntil\": null, \"partnerId\": \"" + partner + "\", \"partnerCountry\": \""
                    + partnerCountry + "\", \"partnerCoveredPerson\": " + covered + ", \"markets\": " + markets + "}";
        }
    }

    record Timing(String name, long cold, long[] warm, String detail) {
    }

    static final class Result {
        String pgVersion;
        double loadSeconds;
        double deriveSeconds;
        double rollupSeconds;
        long checkpoints;
        long pending;
        long violations;
        long violationRows;
        long authorityRequests;
        long subjects;
        long statsEvents;
        long logBytes;
        double heap;
        long policyFetches;
        boolean exact;
        String exactDetail;
        final Map<String, long[]> derived = new LinkedHashMap<>();
        final List<Timing> timings = new ArrayList<>();

        void print() {
            System.out.println();
            System.out.println("Sightline audit-service: analytics benchmark");
            System.out.printf(Locale.ROOT, "  machine        %d cores, Java %s, PostgreSQL %s (fsync on, synchronous_commit on)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), pgVersion);
            System.out.printf(Locale.ROOT, "  log            N = %,d entries, %s .. %s, 4 partnerships, %,d subjects "
                    + "in the pool (%,d seen)%n", ENTRIES, START, END, SUBJECTS, subjects);
            System.out.printf(Locale.ROOT, "  load           %.1f s by COPY, service's own row format, dense seqs from 0, "
                    + "%,d signed checkpoints (HTTP append is AppendBench's)%n", loadSeconds, checkpoints);
            System.out.printf(Locale.ROOT, "  derive         %.1f s (rollups + verdicts, service start included; rollup "
                    + "stage done at %.1f s), %,.0f entries/s; %,d pending, stats count %,d events %s%n", deriveSeconds,
                    rollupSeconds, ENTRIES / deriveSeconds, pending, statsEvents, statsEvents == ENTRIES ? "\u2714" : "\u2718");
            System.out.printf(Locale.ROOT, "  verdicts       %,d entries in violation (%,d violation rows), %,d authority "
                    + "requests, %,d policy fetches from the stub%n", violations, violationRows, authorityRequests,
                    policyFetches);
            System.out.printf(Locale.ROOT, "  PostgreSQL     log_entry %s; derived %s%n", mib(logBytes), derivedSizes());
            System.out.printf(Locale.ROOT, "  service heap   %s used after the queries (-Xmx2g)%n", mib((long) heap));
            System.out.printf(Locale.ROOT, "  period         [%s, %s), thresholds at %s; %d runs each%n", FROM, TO, TO, RUNS);
            System.out.println("  ---------------------------------------------------------------------------------------------------------");
            System.out.printf(Locale.ROOT, "  %-36s %10s %10s %10s  %-6s %s%n", "query (over HTTP)", "cold", "p50", "max",
                    "<= 2 s", "answer");
            for (Timing t : timings) {
                double max = Math.max(t.cold(), percentile(t.warm(), 100));
                // a disclosure (and the figures it fetches) has a target of its own: 5 s
                double target = t.name().startsWith("disclosure") || t.name().startsWith("figures") ? 2.5 * TARGET_NANOS
                        : TARGET_NANOS;
                System.out.printf(Locale.ROOT, "  %-36s %10s %10s %10s  %-6s %s%n", t.name(), ms(t.cold()),
                        ms(percentile(t.warm(), 50)), ms(percentile(t.warm(), 100)),
                        max <= target ? "\u2714" : "\u2718", t.detail());
            }
            System.out.println("  ---------------------------------------------------------------------------------------------------------");
            System.out.println("  exact: " + (exact ? "yes" : "no") + " (stats totals events / records / distinct subjects "
                    + "vs. direct SQL over audit.log_entry, same period, seq < the cited checkpoint): " + exactDetail);
            System.out.println("  target: stats, thresholds and violations for a one-year period <= 2 s each (cold and warm); "
                    + "a disclosure generated and downloaded as JSON, CSV and PDF <= 5 s");
        }

        private String derivedSizes() {
            StringBuilder out = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, long[]> e : derived.entrySet()) {
                total += e.getValue()[0];
                out.append(String.format(Locale.ROOT, "%s%s %s (%,d rows)", out.length() == 0 ? "" : ", ", e.getKey(),
                        mib(e.getValue()[0]), e.getValue()[1]));
            }
            return mib(total) + " in all: " + out;
        }

        private static String mib(long bytes) {
            return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1048576.0);
        }
    }
}
