package dev.sightline.deploy.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.support.market.Markets;
import dev.sightline.verifier.note.CosignatureVerifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Loads the demo scenario of deploy/demo into a running Sightline, through the public APIs only, with real
 * Keycloak tokens: partners and partnerships (alice creates and submits, bob approves, alice activates), a few
 * thousand access events generated from a seed (assistant-gateway), and, once the audit-service's analytics have
 * caught up, one published EU and one published CN disclosure (alice authors, bob publishes).
 *
 * <p>The deploy module packages it with its dependencies (Jackson, service-support's {@link Markets}) in
 * {@code deploy/target}; {@code deploy/local/sightline up} builds it when it is missing and runs it:
 *
 * <pre>
 *   java -cp 'deploy/target/demo-loader.jar:deploy/target/lib/*' dev.sightline.deploy.demo.DemoLoader \
 *       --data deploy/demo --state deploy/local/.data/demo
 *   ... --data deploy/demo --check      (validate the files, generate, post nothing)
 * </pre>
 *
 * <p>Options: --keycloak URL (http://localhost:8180), --partnership URL (:8081), --audit URL (:8082),
 * --disclosure URL (:8083), --witness-key KEY (a witness the audit-service asks to cosign: each disclosure is
 * published only once the checkpoint it cites carries that witness's cosignature; the wait is bounded). When everything is loaded it writes STATE/demo.properties; deploy/local/sightline
 * reads that file and loads only once. A load that stopped half-way can simply be run again: partners and
 * partnerships are found by name and reference, the lifecycle continues from where it stands, events are posted
 * again under the same ids (the log answers duplicates with the original entries), and a published disclosure is
 * kept.
 */
public final class DemoLoader {
    static final String USAGE = """
            usage: DemoLoader --data DIR [--state DIR] [--check] [--keycloak URL] [--partnership URL] [--audit URL]
                              [--disclosure URL] [--witness-key KEY]
              --data        the demo files (deploy/demo: partners.json, partnerships.json, events.json)
              --state       where demo.properties is written once everything is loaded
              --check       validate the files and generate the events; post nothing
              --keycloak    Keycloak's base URL (http://localhost:8180); the services' URLs default to
                            http://localhost:8081 (partnership), :8082 (audit), :8083 (disclosure)
              --witness-key the verifier key of a witness the audit-service is configured with: a disclosure is
                            published only once the checkpoint it cites carries that witness's cosignature
            """;
    static final ObjectMapper JSON = new ObjectMapper();
    static String keycloak = "http://localhost:8180";
    static String partnershipUrl = "http://localhost:8081";
    static String auditUrl = "http://localhost:8082";
    static String disclosureUrl = "http://localhost:8083";
    /** The name of the witness whose cosignature every published disclosure's checkpoint carries; null: none. */
    static String witnessName;
    static final Duration COSIGNATURE_WAIT = Duration.ofSeconds(120);
    static final String REALM = "sightline";
    static final String GATEWAY = "assistant-gateway";
    static final String GATEWAY_SECRET = System.getenv().getOrDefault("ASSISTANT_GATEWAY_SECRET",
            "assistant-gateway-secret");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final long T0 = System.nanoTime();
    static long stepStart = System.nanoTime();

    public static void main(String[] args) {
        Path data = Path.of("deploy/demo");
        Path state = null;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.print(USAGE);
                return;
            }
            if (option.equals("--check")) {
                check = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> data = Path.of(value);
                case "--state" -> state = Path.of(value);
                case "--keycloak" -> keycloak = value;
                case "--partnership" -> partnershipUrl = value;
                case "--audit" -> auditUrl = value;
                case "--disclosure" -> disclosureUrl = value;
                case "--witness-key" -> witnessName = witnessName(value);
                default -> usage("unknown option " + option);
            }
        }
        try {
            new DemoLoader(data, state).run(check);
        } catch (Failure e) {
            System.out.flush();
            System.err.println("    demo: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The key name of a witness's verifier key, {@code <name>+<hex key id>+<base64 key>}, read as every verifier
     * reads it: the base64 key may itself hold a '+'.
     */
    static String witnessName(String key) {
        try {
            return CosignatureVerifier.parse(key.strip()).name();
        } catch (IllegalArgumentException e) {
            usage("--witness-key: " + e.getMessage() + "; give it as the witness's GET /api/v1/key answers");
            return null;
        }
    }

    private static void usage(String problem) {
        System.err.println("    demo: " + problem);
        System.err.print(USAGE);
        System.exit(2);
    }

    /** A step that cannot go on; the message says what and where. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    final Path data;
    final Path state;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** The disclosure period: the current calendar half-year, [periodStart, periodEnd). */
    final LocalDate periodStart = today.getMonthValue() <= 6 ? LocalDate.of(today.getYear(), 1, 1)
            : LocalDate.of(today.getYear(), 7, 1);
    final LocalDate periodEnd = periodStart.plusMonths(6);

    DemoLoader(Path data, Path state) {
        this.data = data;
        this.state = state;
    }

    // ------------------------------------------------------------------ the scenario

    void run(boolean check) {
        Map<String, Object> partnersFile = obj(readJson("partners.json"));
        Map<String, Object> partnershipsFile = obj(readJson("partnerships.json"));
        Map<String, Object> eventsFile = obj(readJson("events.json"));
        if (check) {
            Map<String, Instant> anchors = new LinkedHashMap<>();
            for (Object s : list(eventsFile.get("streams"))) {
                anchors.put(str(obj(s).get("partnership")), Instant.now());
            }
            Generated g = generate(eventsFile, anchors, reference -> UUID.randomUUID().toString());
            say("check", g.events.size() + " events for " + anchors.size() + " partnerships, " + g.violating
                    + " outside policy, " + g.authorityRequests + " authority requests; period " + periodStart
                    + " .. " + periodEnd);
            for (Object p : list(partnershipsFile.get("partnerships"))) {
                substitute(p);
            }
            say("check", "files are valid");
            return;
        }

        step();
        token("alice");
        token("bob");
        token("ivan");
        token(GATEWAY);
        say("tokens", "alice, bob, ivan and the assistant-gateway client signed in at " + keycloak);

        step();
        Map<String, String> partnerIds = new LinkedHashMap<>();
        for (Object item : list(partnersFile.get("partners"))) {
            Map<String, Object> partner = new LinkedHashMap<>(obj(item));
            String key = str(partner.remove("key"));
            partner.keySet().removeIf(k -> k.startsWith("_"));
            partnerIds.put(key, ensurePartner(partner));
        }

        Map<String, String> partnershipIds = new LinkedHashMap<>();
        Map<String, Instant> activatedAt = new LinkedHashMap<>();
        Map<String, List<String>> markets = new LinkedHashMap<>();
        for (Object item : list(partnershipsFile.get("partnerships"))) {
            step();
            Map<String, Object> body = obj(substitute(new LinkedHashMap<>(obj(item))));
            String partnerKey = str(body.remove("partner"));
            body.keySet().removeIf(k -> k.startsWith("_"));
            String partnerId = partnerIds.get(partnerKey);
            if (partnerId == null) {
                throw new Failure("partnerships.json: " + body.get("reference") + " names partner '" + partnerKey
                        + "', which partners.json does not define");
            }
            body.put("partnerId", partnerId);
            String reference = str(body.get("reference"));
            Map<String, Object> active = ensureActive(body);
            partnershipIds.put(reference, str(active.get("id")));
            activatedAt.put(reference, Instant.parse(str(obj(active.get("lastTransition")).get("at"))));
            List<String> m = new ArrayList<>();
            list(active.get("markets")).forEach(x -> m.add(str(x)));
            markets.put(reference, m);
        }

        step();
        Generated generated = generate(eventsFile, activatedAt, partnershipIds::get);
        long maxSeq = post(generated, intValue(eventsFile.get("batchSize"), 500));

        step();
        List<String> ids = new ArrayList<>(partnershipIds.values());
        Map<String, Object> figures = awaitFigures(ids, maxSeq);
        checkViolations(figures, generated, partnershipIds);
        recordRemediation(figures, partnershipIds, markets);

        Map<String, String> disclosures = new LinkedHashMap<>();
        for (String jurisdiction : List.of("EU", "CN")) {
            step();
            List<String> covered = new ArrayList<>();
            markets.forEach((reference, m) -> {
                if (Markets.covers(jurisdiction, m)) {
                    covered.add(partnershipIds.get(reference));
                }
            });
            if (covered.isEmpty()) {
                throw new Failure("no demo partnership serves a market of " + jurisdiction);
            }
            disclosures.put(jurisdiction, ensurePublished(jurisdiction, covered));
        }

        if (state != null) {
            StringBuilder out = new StringBuilder("# written by the demo loader (deploy module): the demo is loaded\n");
            out.append("loadedAt=").append(Instant.now()).append('\n');
            out.append("periodStart=").append(periodStart).append('\n');
            out.append("periodEnd=").append(periodEnd).append('\n');
            out.append("events=").append(generated.events.size()).append('\n');
            partnershipIds.forEach((ref, id) -> out.append("partnership.").append(ref).append('=').append(id)
                    .append('\n'));
            disclosures.forEach((j, id) -> out.append("disclosure.").append(j).append('=').append(id).append('\n'));
            try {
                Files.createDirectories(state);
                Path tmp = state.resolve("demo.properties.tmp");
                Files.writeString(tmp, out);
                Files.move(tmp, state.resolve("demo.properties"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new Failure("cannot write " + state.resolve("demo.properties") + ": " + e);
            }
        }
        System.out.printf("    demo: loaded in %.1f s%n", (System.nanoTime() - T0) / 1e9);
    }

    /** The partner with this legal name and country, registered by alice unless it exists. */
    String ensurePartner(Map<String, Object> partner) {
        String name = str(partner.get("legalName"));
        Map<String, Object> page = obj(expect(call("GET", partnershipUrl + "/api/v1/partners?limit=500&q="
                + enc(name), "alice", null), 200));
        for (Object p : list(page.get("items"))) {
            Map<String, Object> existing = obj(p);
            if (name.equals(existing.get("legalName"))
                    && partner.get("countryOfIncorporation").equals(existing.get("countryOfIncorporation"))) {
                say("partner", name + ": already registered, " + existing.get("id"));
                return str(existing.get("id"));
            }
        }
        Map<String, Object> created = obj(expect(call("POST", partnershipUrl + "/api/v1/partners", "alice", partner),
                201));
        say("partner", name + ": registered by alice, " + created.get("id"));
        return str(created.get("id"));
    }

    /** The partnership with this reference, created if missing and moved along its lifecycle to ACTIVE. */
    Map<String, Object> ensureActive(Map<String, Object> body) {
        String reference = str(body.get("reference"));
        Map<String, Object> current = null;
        Map<String, Object> page = obj(expect(call("GET", partnershipUrl + "/api/v1/partnerships?limit=500&q="
                + enc(reference), "alice", null), 200));
        for (Object p : list(page.get("items"))) {
            if (reference.equals(obj(p).get("reference"))) {
                current = obj(expect(call("GET", partnershipUrl + "/api/v1/partnerships/" + obj(p).get("id"), "alice",
                        null), 200));
            }
        }
        List<String> done = new ArrayList<>();
        if (current == null) {
            current = obj(expect(call("POST", partnershipUrl + "/api/v1/partnerships", "alice", body), 201));
            done.add("created DRAFT (alice)");
        } else {
            done.add("found " + current.get("status"));
        }
        String id = str(current.get("id"));
        for (int guard = 0; guard < 5 && !"ACTIVE".equals(current.get("status")); guard++) {
            String status = str(current.get("status"));
            String[] next = switch (status) {
                case "DRAFT" -> new String[] {"UNDER_REVIEW", "alice",
                        "Scope, data policy and safeguards agreed with the partner; ready for privacy review"};
                case "UNDER_REVIEW" -> new String[] {"APPROVED", "bob",
                        "Privacy, security and legal review passed (second pair of eyes)"};
                case "APPROVED", "SUSPENDED" -> new String[] {"ACTIVE", "alice", "Go-live"};
                default -> throw new Failure("partnership " + reference + " is " + status
                        + " and cannot become ACTIVE; reset the local data (deploy/local/sightline reset)");
            };
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("to", next[0]);
            request.put("reason", next[2]);
            current = obj(expect(call("POST", partnershipUrl + "/api/v1/partnerships/" + id + "/transitions", next[1],
                    request), 200));
            done.add(next[0] + " (" + next[1] + ")");
        }
        if (!"ACTIVE".equals(current.get("status"))) {
            throw new Failure("partnership " + reference + " did not become ACTIVE: " + current.get("status"));
        }
        say("partnership", reference + ": " + String.join(", ", done) + "; " + id);
        return current;
    }

    // ------------------------------------------------------------------ events

    record Event(Instant occurredAt, String reference, Map<String, Object> body, List<String> expect) {
    }

    static final class Generated {
        final List<Event> events = new ArrayList<>();
        int violating;
        int authorityRequests;
    }

    interface Ids {
        String of(String reference);
    }

    /**
     * Every stream's events: its phases are consecutive slices of the window that opens startAfterActivationSeconds
     * after its partnership became ACTIVE. Deterministic for a seed and the activation instants.
     */
    Generated generate(Map<String, Object> spec, Map<String, Instant> activatedAt, Ids partnershipIds) {
        long seed = longValue(spec.get("seed"), 1);
        long startAfter = longValue(spec.get("startAfterActivationSeconds"), 1) * 1000;
        long window = longValue(spec.get("windowSeconds"), 10) * 1000;
        Generated out = new Generated();
        List<Object> streams = list(spec.get("streams"));
        for (int s = 0; s < streams.size(); s++) {
            Map<String, Object> stream = obj(streams.get(s));
            String reference = str(stream.get("partnership"));
            Instant activation = activatedAt.get(reference);
            if (activation == null) {
                throw new Failure("events.json: stream " + s + " names partnership " + reference
                        + ", which partnerships.json does not define");
            }
            String partnershipId = String.valueOf(partnershipIds.of(reference));
            Instant start = activation.plusMillis(startAfter);
            List<Object> phases = list(stream.get("phases"));
            long slice = Math.max(1, window / phases.size());
            Random random = new Random(seed * 1_000_003L + s);
            int subjects = intValue(stream.get("subjects"), 100);
            Map<String, Object> records = obj(stream.get("records"));
            int minRecords = intValue(records.get("min"), 1);
            int maxRecords = intValue(records.get("max"), 1);
            int n = 0;
            for (int p = 0; p < phases.size(); p++) {
                int count = intValue(obj(phases.get(p)).get("events"), 0);
                for (int i = 0; i < count; i++) {
                    Map<String, Object> feature = pick(random, list(stream.get("features")));
                    Map<String, Object> processing = pick(random, list(stream.get("processing")));
                    Map<String, Object> outcome = pick(random, list(stream.get("outcomes")));
                    Instant at = start.plusMillis(p * slice + random.nextInt((int) slice));
                    Map<String, Object> event = event(seed, reference, n++, at, partnershipId, obj(stream.get("actor")),
                            feature, minRecords + random.nextInt(maxRecords - minRecords + 1),
                            subject(seed, reference, random.nextInt(subjects)), processing,
                            str(outcome.get("outcome")), null);
                    out.events.add(new Event(at, reference, event, List.of()));
                }
            }
            for (Object item : list(stream.get("specials"))) {
                Map<String, Object> special = obj(item);
                int phase = intValue(special.get("phase"), 1) - 1;
                if (phase < 0 || phase >= phases.size()) {
                    throw new Failure("events.json: a special of " + reference + " names phase " + (phase + 1)
                            + "; the stream has " + phases.size());
                }
                List<String> expect = new ArrayList<>();
                list(special.get("expect")).forEach(k -> expect.add(str(k)));
                Map<String, Object> actor = special.containsKey("actor") ? obj(special.get("actor"))
                        : obj(stream.get("actor"));
                for (int i = 0; i < intValue(special.get("count"), 1); i++) {
                    Instant at = start.plusMillis(phase * slice + random.nextInt((int) slice));
                    Map<String, Object> event = event(seed, reference, n++, at, partnershipId, actor, special, 1,
                            subject(seed, reference, random.nextInt(subjects)), obj(special.get("processing")),
                            special.containsKey("outcome") ? str(special.get("outcome")) : "ALLOWED",
                            special.containsKey("authority") ? obj(special.get("authority")) : null);
                    out.events.add(new Event(at, reference, event, expect));
                    if (!expect.isEmpty()) {
                        out.violating++;
                    }
                    if ("AUTHORITY_REQUEST".equals(special.get("action"))) {
                        out.authorityRequests++;
                    }
                }
            }
        }
        out.events.sort((a, b) -> a.occurredAt.equals(b.occurredAt)
                ? str(a.body.get("eventId")).compareTo(str(b.body.get("eventId")))
                : a.occurredAt.compareTo(b.occurredAt));
        return out;
    }

    static Map<String, Object> event(long seed, String reference, int n, Instant at, String partnershipId,
            Map<String, Object> actor, Map<String, Object> what, int records, String subject,
            Map<String, Object> processing, String outcome, Map<String, Object> authority) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", UUID.nameUUIDFromBytes(("sightline-demo/" + seed + "/" + reference + "/" + n)
                .getBytes(StandardCharsets.UTF_8)).toString());
        e.put("occurredAt", at.toString());
        e.put("partnershipId", partnershipId);
        e.put("actor", actor);
        e.put("action", what.get("action"));
        e.put("feature", what.get("feature"));
        e.put("dataCategories", what.get("categories"));
        e.put("recordCount", (long) records);
        e.put("subjectRef", subject);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("mode", processing.get("mode"));
        where.put("country", processing.get("country"));
        e.put("processing", where);
        e.put("purpose", what.get("purpose"));
        e.put("outcome", outcome);
        if (authority != null) {
            e.put("authority", authority);
        }
        return e;
    }

    /**
     * A subject pseudonym in the audit log's format, as a gateway would derive it: {@code ps_} and the base64url
     * HMAC-SHA-256 of the subject's id under the gateway's key (here both come from the seed, not from a person).
     */
    static String subject(long seed, String reference, int subject) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(("demo-pseudonym-key/" + seed).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] hash = hmac.doFinal((reference + "/" + subject).getBytes(StandardCharsets.UTF_8));
            return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> pick(Random random, List<Object> weighted) {
        long total = 0;
        for (Object o : weighted) {
            total += longValue(obj(o).get("weight"), 1);
        }
        long r = (long) (random.nextDouble() * total);
        for (Object o : weighted) {
            r -= longValue(obj(o).get("weight"), 1);
            if (r < 0) {
                return obj(o);
            }
        }
        return obj(weighted.get(weighted.size() - 1));
    }

    /** Posts the events in time order, in batches, once the last one's time has passed; returns the highest seq. */
    long post(Generated generated, int batchSize) {
        Instant last = generated.events.get(generated.events.size() - 1).occurredAt;
        long waitMillis = Duration.between(Instant.now(), last).toMillis() + 1000;
        say("events", String.format("%,d generated for %d partnerships: %d outside their policy, %d authority "
                + "requests", generated.events.size(), generated.events.stream().map(Event::reference).distinct()
                        .count(), generated.violating, generated.authorityRequests));
        if (waitMillis > 0) {
            say("events", String.format("waiting %.0f s until the last event's time has passed (events happen "
                    + "after activation; see deploy/demo/events.json)", waitMillis / 1000.0));
            sleep(waitMillis);
        }
        step();
        long maxSeq = -1;
        int batches = 0;
        int duplicates = 0;
        for (int from = 0; from < generated.events.size(); from += batchSize) {
            List<Object> batch = new ArrayList<>();
            for (Event e : generated.events.subList(from, Math.min(from + batchSize, generated.events.size()))) {
                batch.add(e.body);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("events", batch);
            Response response = null;
            for (int attempt = 1; attempt <= 6; attempt++) {
                response = call("POST", auditUrl + "/api/v1/events/batch", GATEWAY, body);
                if (response.status != 503) {
                    break;
                }
                sleep(1000L * attempt);
            }
            if (response.status == 409) {
                throw new Failure("the log holds demo events under the same ids with other content (deploy/demo/"
                        + "events.json changed after they were posted); 'deploy/local/sightline reset' starts over. "
                        + abbreviate(response.body));
            }
            Map<String, Object> result = obj(expect(response, 201, 200));
            for (Object entry : list(result.get("entries"))) {
                maxSeq = Math.max(maxSeq, longValue(obj(entry).get("seq"), -1));
                if (Boolean.TRUE.equals(obj(entry).get("duplicate"))) {
                    duplicates++;
                }
            }
            batches++;
        }
        say("events", String.format("%,d posted by assistant-gateway in %d batches%s; last seq %d",
                generated.events.size(), batches, duplicates > 0 ? " (" + duplicates + " were in the log already)" : "",
                maxSeq));
        return maxSeq;
    }

    // ------------------------------------------------------------------ analytics and disclosures

    /** Polls the audit-service's figures (as ivan) until they cover every event posted and nothing is pending. */
    Map<String, Object> awaitFigures(List<String> ids, long maxSeq) {
        StringBuilder url = new StringBuilder(auditUrl + "/api/v1/figures?from=" + periodStart + "T00:00:00Z&to="
                + periodEnd + "T00:00:00Z");
        ids.forEach(id -> url.append("&partnershipId=").append(id));
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            Response r = call("GET", url.toString(), "ivan", null);
            if (r.status == 200) {
                Map<String, Object> figures = obj(parseJson(r.body));
                long size = longValue(obj(figures.get("checkpoint")).get("size"), 0);
                long pending = 0;
                for (Object p : list(figures.get("partnerships"))) {
                    pending += longValue(obj(p).get("pendingVerdicts"), 0);
                }
                if (size > maxSeq && pending == 0) {
                    say("analytics", String.format("caught up: checkpoint %,d covers every event posted, every "
                            + "verdict is in", size));
                    return figures;
                }
                last = "checkpoint " + size + " (needs > " + maxSeq + "), " + pending + " verdicts pending";
            } else if (r.status == 503) {
                last = "analytics between two checkpoints";
            } else {
                expect(r, 200);
            }
            sleep(1000);
        }
        throw new Failure("the audit-service's analytics did not catch up within 240 s (" + last
                + "); see the audit-service log");
    }

    /** Compares the violations the audit-service found with the ones events.json plants. */
    void checkViolations(Map<String, Object> figures, Generated generated, Map<String, String> partnershipIds) {
        for (Map.Entry<String, String> p : partnershipIds.entrySet()) {
            Map<String, Long> expected = new TreeMap<>();
            long entries = 0;
            for (Event e : generated.events) {
                if (e.reference.equals(p.getKey()) && !e.expect.isEmpty()) {
                    entries++;
                    e.expect.forEach(k -> expected.merge(k, 1L, Long::sum));
                }
            }
            Map<String, Long> found = new TreeMap<>();
            for (Object item : list(figures.get("partnerships"))) {
                if (p.getValue().equals(obj(item).get("partnershipId"))) {
                    for (Object v : list(obj(item).get("violations"))) {
                        found.put(str(obj(v).get("kind")), longValue(obj(v).get("count"), 0));
                    }
                }
            }
            found.values().removeIf(c -> c == 0);
            String kinds = found.isEmpty() ? "none" : found.toString().replaceAll("[{}]", "").replace("=", " ");
            if (found.equals(expected)) {
                say("violations", p.getKey() + ": " + entries + " entries outside the policy, as planted (" + kinds
                        + ")");
            } else {
                say("violations", "WARNING " + p.getKey() + ": the audit-service found " + kinds + "; events.json "
                        + "planted " + expected);
            }
        }
    }

    /**
     * An auditor's remediation of the first kind of violation found in the EU partnership (ivan, through the
     * audit-service's PUT /api/v1/remediations/{partnershipId}/{kind}), so the EU disclosure shows one next to the
     * violations it explains. An audit-service without that endpoint (404) gets a warning line, and the disclosure
     * then shows no remediation.
     */
    void recordRemediation(Map<String, Object> figures, Map<String, String> partnershipIds,
            Map<String, List<String>> markets) {
        step();
        for (Map.Entry<String, String> p : partnershipIds.entrySet()) {
            if (!Markets.covers("EU", markets.get(p.getKey()))) {
                continue;
            }
            for (Object item : list(figures.get("partnerships"))) {
                if (!p.getValue().equals(obj(item).get("partnershipId"))) {
                    continue;
                }
                for (Object v : list(obj(item).get("violations"))) {
                    if (longValue(obj(v).get("count"), 0) == 0) {
                        continue;
                    }
                    String kind = str(obj(v).get("kind"));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "REMEDIATED");
                    body.put("text", "The gateway's routing rule that let these requests reach a cloud endpoint was "
                            + "removed; every request since runs on the phone. Partner confirmed deletion in writing.");
                    Response r = call("PUT", auditUrl + "/api/v1/remediations/" + p.getValue() + "/" + kind, "ivan",
                            body);
                    if (r.status == 404) {
                        say("remediation", "WARNING the audit-service has no PUT /api/v1/remediations yet (HTTP 404): "
                                + "the EU disclosure shows no remediation for " + kind);
                    } else {
                        expect(r, 200, 201, 204);
                        say("remediation", p.getKey() + " " + kind + ": REMEDIATED, recorded by ivan");
                    }
                    return;
                }
            }
        }
    }

    /** The words bob attests with when publishing a jurisdiction's disclosure. */
    static Map<String, Object> attestation(String jurisdiction) {
        Map<String, Object> attestation = new LinkedHashMap<>();
        if (jurisdiction.equals("CN")) {
            attestation.put("name", "Bob Brandt (白博)");
            attestation.put("title", "首席隐私官 Chief Privacy Officer, Larkspur Devices GmbH");
            attestation.put("statement", "本人证明，本披露据本人所知真实、准确、完整，其数据按方法部分所述由访问日志生成。"
                    + "I attest that, to the best of my knowledge, this disclosure is true, accurate and complete, "
                    + "and that its figures were produced from the access log as the methodology section describes.");
        } else {
            attestation.put("name", "Bob Brandt");
            attestation.put("title", "Chief Privacy Officer, Larkspur Devices GmbH");
            attestation.put("statement", "I attest that, to the best of my knowledge, this disclosure is true, "
                    + "accurate and complete, and that its figures were produced from the access log as the "
                    + "methodology section describes.");
        }
        return Map.of("attestation", attestation);
    }

    /** The published disclosure of a jurisdiction: alice generates a draft, bob publishes it. */
    String ensurePublished(String jurisdiction, List<String> partnershipIds) {
        Map<String, Object> published = obj(expect(call("GET", disclosureUrl + "/api/v1/disclosures?jurisdiction="
                + jurisdiction + "&status=PUBLISHED", "alice", null), 200));
        List<Object> items = list(published.get("items"));
        if (!items.isEmpty()) {
            String id = str(obj(items.get(items.size() - 1)).get("id"));
            say("disclosure", jurisdiction + ": already published, " + id);
            return id;
        }
        Map<String, Object> drafts = obj(expect(call("GET", disclosureUrl + "/api/v1/disclosures?jurisdiction="
                + jurisdiction + "&status=DRAFT", "alice", null), 200));
        for (Object d : list(drafts.get("items"))) {
            expect(call("DELETE", disclosureUrl + "/api/v1/disclosures/" + obj(d).get("id"), "alice", null), 204);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jurisdiction", jurisdiction);
        // dates: the period runs from midnight to midnight in the jurisdiction's reporting time zone, as its
        // regulator reads it (EU Europe/Brussels, CN Asia/Shanghai)
        request.put("periodStartDate", periodStart.toString());
        request.put("periodEndDate", periodEnd.toString());
        request.put("partnershipIds", new ArrayList<Object>(partnershipIds));
        // the demo's events are of today, so its period is the current half-year: not ended, so provisional
        boolean unfinished = periodEnd.isAfter(LocalDate.now(ZoneOffset.UTC));
        if (unfinished) {
            request.put("provisional", true);
        }
        Map<String, Object> draft = draft(request);
        long cosignedBy = System.nanoTime() + COSIGNATURE_WAIT.toNanos();
        while (witnessName != null && !citesCosigned(draft)) {
            // the figures cite only checkpoints the audit-service's quorum of witnesses cosigned; without a quorum
            // (or before the cosignature arrived) the draft is made again once the witness has cosigned
            if (System.nanoTime() > cosignedBy) {
                throw new Failure(String.format("the %s draft cites checkpoint %s, which carries no cosignature of "
                        + "witness %s after %d s: is the witness running, and is the audit-service configured with it "
                        + "(sightline.witness.witnesses.*, WITNESS_QUORUM)? See the witness's and the audit-service's "
                        + "logs", jurisdiction, draft.get("checkpointSize"), witnessName,
                        COSIGNATURE_WAIT.toSeconds()));
            }
            say("disclosure", String.format("%s: checkpoint %s carries no cosignature of witness %s yet; drafting "
                    + "again in 2 s", jurisdiction, draft.get("checkpointSize"), witnessName));
            expect(call("DELETE", disclosureUrl + "/api/v1/disclosures/" + draft.get("id"), "alice", null), 204);
            sleep(2000);
            draft = draft(request);
        }
        String id = str(draft.get("id"));
        Map<String, Object> done = obj(expect(call("POST", disclosureUrl + "/api/v1/disclosures/" + id + "/publish",
                "bob", attestation(jurisdiction)), 200));
        say("disclosure", String.format("%s %s .. %s%s: drafted by alice at checkpoint %s%s, published and "
                + "attested by bob (digest %.16s…); %s", jurisdiction, periodStart, periodEnd,
                unfinished ? " (provisional)" : "", draft.get("checkpointSize"),
                witnessName == null ? "" : " (cosigned by witness " + witnessName + ")", done.get("digest"), id));
        return id;
    }

    /** A draft of the request, made by alice; the disclosure-service answers 503 while the figures move on. */
    Map<String, Object> draft(Map<String, Object> request) {
        Response response;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        do {
            response = call("POST", disclosureUrl + "/api/v1/disclosures", "alice", request);
            if (response.status != 503) {
                break;
            }
            sleep(2000);
        } while (System.nanoTime() < deadline);
        return obj(expect(response, 201));
    }

    /** Whether the checkpoint note the draft attests carries a cosignature line of {@link #witnessName}. */
    boolean citesCosigned(Map<String, Object> draft) {
        Map<String, Object> report = obj(expect(call("GET", disclosureUrl + "/api/v1/disclosures/" + draft.get("id")
                + "/report.json", "alice", null), 200));
        String note = str(obj(obj(report.get("attestation")).get("checkpoint")).get("note"));
        return note.contains("\n\u2014 " + witnessName + " ");
    }

    // ------------------------------------------------------------------ data files

    Object readJson(String name) {
        Path file = data.resolve(name);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new Failure("cannot read " + file + " (--data names the demo files' folder): " + e);
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new Failure(file + ": invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
    }

    static final Pattern DATE = Pattern.compile("\\{\\{(today|periodStart)(?:([+-]\\d+)d)?}}");

    /** Replaces {{today}}, {{periodStart}} and their ±Nd offsets in every string. */
    Object substitute(Object value) {
        if (value instanceof String s) {
            Matcher m = DATE.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                LocalDate base = m.group(1).equals("today") ? today : periodStart;
                long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                m.appendReplacement(out, base.plusDays(days).toString());
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, substitute(v)));
            return out;
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(v -> out.add(substitute(v)));
            return out;
        }
        return value;
    }

    // ------------------------------------------------------------------ HTTP and tokens

    record Response(String method, String url, int status, String body) {
    }

    record Token(String value, long expiresAt) {
    }

    static final Map<String, Token> TOKENS = new LinkedHashMap<>();

    /** A user's token (password grant on the public client sightline-cli) or the gateway's (client credentials). */
    static String token(String who) {
        Token cached = TOKENS.get(who);
        if (cached != null && System.nanoTime() < cached.expiresAt) {
            return cached.value;
        }
        String form = who.equals(GATEWAY)
                ? "grant_type=client_credentials&client_id=" + GATEWAY + "&client_secret=" + enc(GATEWAY_SECRET)
                : "grant_type=password&client_id=sightline-cli&username=" + enc(who) + "&password=" + enc(who);
        String url = keycloak + "/realms/" + REALM + "/protocol/openid-connect/token";
        Response r = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "POST", url);
        if (r.status != 200) {
            throw new Failure("Keycloak refused a token for " + who + ": HTTP " + r.status + " " + abbreviate(r.body));
        }
        Map<String, Object> answer = obj(parseJson(r.body));
        long lifetime = longValue(answer.get("expires_in"), 60);
        Token token = new Token(str(answer.get("access_token")),
                System.nanoTime() + Duration.ofSeconds(Math.max(5, lifetime - 30)).toNanos());
        TOKENS.put(who, token);
        return token.value;
    }

    static Response call(String method, String url, String who, Object body) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token(who));
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(writeJson(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            Response r = send(request.build(), method, url);
            boolean retry = r.status == 401 && attempt == 1; // a token expired on the way: sign in again
            if (retry) {
                TOKENS.remove(who);
                continue;
            }
            return r;
        }
    }

    static Response send(HttpRequest request, String method, String url) {
        IOException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new Response(method, url, r.statusCode(), r.body());
            } catch (ConnectException e) {
                last = e; // not listening (yet, or any more): a few tries, then give up
                sleep(1000L * attempt);
            } catch (IOException e) {
                throw new Failure(method + " " + url + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted");
            }
        }
        throw new Failure(method + " " + url + ": cannot connect (" + last + ")");
    }

    /** The body parsed as JSON when the status is one of those expected; otherwise a failure naming the call. */
    static Object expect(Response r, int... statuses) {
        for (int s : statuses) {
            if (r.status == s) {
                return r.body == null || r.body.isBlank() ? Map.of() : parseJson(r.body);
            }
        }
        throw new Failure(r.method + " " + r.url + " answered HTTP " + r.status + ": " + abbreviate(r.body));
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    // ------------------------------------------------------------------ progress

    static void step() {
        stepStart = System.nanoTime();
    }

    static void say(String what, String message) {
        System.out.printf("    demo: %-11s %s (%.1f s)%n", what, message, (System.nanoTime() - stepStart) / 1e9);
        System.out.flush();
    }

    // ------------------------------------------------------------------ JSON

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        if (o instanceof Map<?, ?>) {
            return (Map<String, Object>) o;
        }
        throw new Failure("expected a JSON object, found " + (o == null ? "nothing" : writeJson(o)));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?>) {
            return (List<Object>) o;
        }
        throw new Failure("expected a JSON array, found " + writeJson(o));
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static long longValue(Object o, long otherwise) {
        return o instanceof Number n ? n.longValue() : otherwise;
    }

    static int intValue(Object o, int otherwise) {
        return o instanceof Number n ? n.intValue() : otherwise;
    }

    /** JSON as maps (in document order), lists, strings, numbers and booleans. */
    static Object parseJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new Failure("not JSON: " + abbreviate(text));
        }
    }

    static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new Failure("cannot write JSON: " + e.getOriginalMessage());
        }
    }
}
