package dev.sightline.systemtest;

import static dev.sightline.systemtest.SystemEnvironment.AUDIT;
import static dev.sightline.systemtest.SystemEnvironment.DISCLOSURE;
import static dev.sightline.systemtest.SystemEnvironment.PARTNERSHIP;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.systemtest.OpenApiOperations.Operation;
import dev.sightline.systemtest.RequestGenerator.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

/**
 * Requests generated from the three committed contracts, valid and invalid, sent to the packaged services with the
 * token of every role each operation names (and none, and a role it does not name). Every answer must hold to the
 * contract: no 5xx (but a 503 the operation documents: "retry"); only statuses the operation documents; every 4xx/5xx an {@code application/problem+json} problem;
 * every 2xx JSON body valid against the documented schema; a request that breaks the contract refused; and a refused
 * write leaves no trace (the record it aimed at unchanged, no record or log entry carrying its unique values).
 *
 * <p>Seeded and bounded: {@code -Dsightline.fuzz.seed} (default {@value #DEFAULT_SEED}) replays the same requests,
 * {@code -Dsightline.fuzz.requests} (default {@value #DEFAULT_REQUESTS}) is the budget per service. Every finding is
 * collected and reported at the end, grouped by service, check and operation, each with a curl line that sends the
 * request again; the whole list is in {@code target/system/contract-fuzz-<service>.md}.
 */
@Order(3)
class ContractFuzzIT extends SystemTest {
    static final long DEFAULT_SEED = 20261203L;
    static final int DEFAULT_REQUESTS = 1500;
    private static final long SEED = Long.getLong("sightline.fuzz.seed", DEFAULT_SEED);
    private static final int REQUESTS = Integer.getInteger("sightline.fuzz.requests", DEFAULT_REQUESTS);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int EXAMPLES_PER_GROUP = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, JsonNode> EXTERNAL_SCHEMAS = new ConcurrentHashMap<>();
    private static Fixtures fixtures;

    /** One way an answer broke the contract. */
    record Finding(String operation, String check, String detail, String request) {
    }

    /** The answer as received. */
    private record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {
        /** The content type and the problem's title and detail, or the start of the body. */
        String excerpt() {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem != null && problem.has("title")) {
                    return contentType + " " + SchemaValidator.quote(problem.path("title").asText() + ": "
                            + problem.path("detail").asText(""), 160);
                }
            } catch (IOException e) {
                // not JSON: the body as it came
            }
            return (contentType.isEmpty() ? "no Content-Type" : contentType) + " " + SchemaValidator.quote(body, 160);
        }
    }

    /** A read that tells whether a request wrote: the same before and after a refusal. */
    private record Probe(String service, String path, String identity) {
    }

    @BeforeAll
    static void recordsToAimAt() {
        storyRecords();
        UUID partnerId = newPartner("Fuzz Fixture Partner " + UUID.randomUUID());
        UUID partnershipId = newPartnership(partnerId, "Fuzz fixture");
        ObjectNode event = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString())
                .put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("partnershipId", partnershipId.toString()).put("action", "INFERENCE").put("feature", "assistant")
                .put("recordCount", 1).put("purpose", "voice-assistance").put("outcome", "ALLOWED");
        event.putObject("actor").put("type", "PARTNER_SYSTEM").put("id", "fuzz-fixture");
        event.putArray("dataCategories").add("user.content.voice");
        event.putObject("processing").put("mode", "ON_DEVICE").put("country", "DE");
        long seq = as(Identity.GATEWAY, AUDIT).body(event.toString()).post("/api/v1/events").then().statusCode(201)
                .extract().jsonPath().getLong("seq");
        UUID draft = draftDisclosure("EU");
        UUID published = publishedDisclosure("EU");
        fixtures = new Fixtures(partnerId, partnershipId, Story.partnershipId, draft, published, seq);
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedRequestIsAnsweredAsTheContractSays() {
        return SystemEnvironment.SERVICES.stream().map(service -> dynamicTest(service, () -> fuzz(service)));
    }

    private static void fuzz(String service) {
        List<Operation> operations = OpenApiOperations.read(service, contract(service));
        assertFalse(operations.isEmpty(), service + " documents no operation");
        Random random = new Random(SEED ^ service.hashCode());
        String run = Long.toString(System.nanoTime() % 60_466_176L, 36).toUpperCase(Locale.ROOT);
        RequestGenerator generator = new RequestGenerator(random, fixtures, ContractFuzzIT::etag, run);
        List<Finding> findings = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> answered = new TreeMap<>();
        Map<String, Map<Integer, Integer>> perOperation = new TreeMap<>();
        Map<String, String> refusedValid = new TreeMap<>();
        int invalidSent = 0;
        int probeReads = 0;
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            Operation op = operations.get(i % operations.size());
            String caller = caller(op, random);
            FuzzRequest request = generator.next(op, caller, random.nextInt(100) < 15);
            invalidSent += request.invalid() ? 1 : 0;
            Map<Probe, String> before = new LinkedHashMap<>();
            if (op.writes()) {
                for (Probe probe : probes(request, generator.fixtures())) {
                    before.put(probe, read(probe));
                    probeReads++;
                }
            }
            Answer answer;
            try {
                answer = sendWithOneRetry(request);
            } catch (IOException e) {
                findings.add(finding(request, "no answer", e.toString()));
                continue;
            } catch (IllegalArgumentException e) {
                // a header or URL the HTTP client itself will not send: no request, nothing to judge
                System.out.println("[contract-fuzz] not sent (" + e.getMessage() + "): " + request.change());
                continue;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            perOperation.computeIfAbsent(op.method() + " " + op.path(), o -> new TreeMap<>())
                    .merge(answer.status(), 1, Integer::sum);
            if (answer.status() >= 400 && request.change().equals("unchanged") && !request.caller().equals("none")
                    && env().realm().identities().containsKey(request.caller())
                    && op.allows(env().realm().identity(request.caller()))) {
                refusedValid.putIfAbsent(op.method() + " " + op.path(), answer.status() + " " + answer.excerpt()
                        + "\n  `" + request.line(env().url(service)) + "`");
            }
            if (answer.status() < 300) {
                answered.merge(op.method() + " " + op.path(), 1, Integer::sum);
                replaceUsedUp(generator, request);
            }
            check(request, answer, findings);
            if (answer.status() >= 400) {
                for (Map.Entry<Probe, String> probe : before.entrySet()) {
                    String after = read(probe.getKey());
                    probeReads++;
                    if (!after.equals(probe.getValue())) {
                        findings.add(finding(request, "refused request wrote", answer.status() + " but "
                                + probe.getKey().path() + " changed: " + cut(probe.getValue()) + " → " + cut(after)));
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String summary = String.format(Locale.ROOT,
                "%s: %d requests (%d invalid) to %d operations, %d probe reads, %.1f s, seed %d; statuses %s",
                service, REQUESTS, invalidSent, operations.size(), probeReads, seconds, SEED, statuses);
        List<String> never = operations.stream().map(o -> o.method() + " " + o.path())
                .filter(o -> !answered.containsKey(o)).toList();
        summary += "; 2xx per operation " + answered + (never.isEmpty() ? "" : "; never 2xx: " + never);
        System.out.println("[contract-fuzz] " + summary);
        StringBuilder coverage = new StringBuilder("\n## Statuses per operation\n\n");
        perOperation.forEach((o, counts) -> coverage.append("- ").append(o).append(": ").append(counts).append('\n'));
        coverage.append("\n## Unchanged requests an allowed caller saw refused (the first of each operation)\n\n"
                + "Not findings: a valid request may name a record in the wrong state. They show where valid input "
                + "stops short.\n\n");
        refusedValid.forEach((o, first) -> coverage.append("- ").append(o).append(": ").append(first).append('\n'));
        String report = report(service, summary, findings, Integer.MAX_VALUE) + coverage;
        write(env().dir().resolve("contract-fuzz-" + service + ".md"), report.getBytes(StandardCharsets.UTF_8));
        if (!findings.isEmpty()) {
            fail(report(service, summary, findings, EXAMPLES_PER_GROUP) + "\nReplay: -Dsightline.fuzz.seed=" + SEED
                    + " -Dsightline.fuzz.requests=" + REQUESTS + "; every finding: "
                    + env().dir().resolve("contract-fuzz-" + service + ".md"));
        }
    }

    /** A draft deleted or published, a disclosure withdrawn: later requests get a new one to aim at. */
    private static void replaceUsedUp(RequestGenerator generator, FuzzRequest request) {
        Fixtures aim = generator.fixtures();
        String path = request.pathAndQuery();
        String method = request.operation().method();
        boolean draftUsed = path.startsWith("/api/v1/disclosures/" + aim.draftDisclosureId())
                && (method.equals("DELETE") || path.endsWith("/publish"));
        boolean publishedUsed = path.startsWith("/api/v1/disclosures/" + aim.publishedDisclosureId())
                && path.endsWith("/withdraw");
        if (draftUsed || publishedUsed) {
            generator.aimAt(new Fixtures(aim.partnerId(), aim.partnershipId(), aim.disclosedPartnershipId(),
                    draftUsed ? draftDisclosure("EU") : aim.draftDisclosureId(),
                    publishedUsed ? publishedDisclosure("EU") : aim.publishedDisclosureId(), aim.seq()));
        }
    }

    // ---- who calls

    /** Mostly a holder of a role the operation names (each role as often), sometimes no token or another role. */
    private static String caller(Operation op, Random random) {
        List<Identity> identities = env().realm().matrixIdentities();
        int dice = random.nextInt(100);
        if (dice < 10) {
            return "none";
        }
        List<Identity> refused = identities.stream().filter(i -> !op.allows(i)).toList();
        if (dice < 20 && !refused.isEmpty()) {
            return refused.get(random.nextInt(refused.size())).name();
        }
        if (op.isPublic()) {
            return identities.get(random.nextInt(identities.size())).name();
        }
        List<String> roles = List.copyOf(op.roles());
        String role = roles.get(random.nextInt(roles.size()));
        List<Identity> holders = identities.stream().filter(i -> i.roles().contains(role)).toList();
        return holders.isEmpty() ? "all-roles" : holders.get(random.nextInt(holders.size())).name();
    }

    private static String token(String caller) {
        return switch (caller) {
            case "none" -> null;
            case "all-roles" -> env().allRolesToken();
            default -> env().token(caller);
        };
    }

    // ---- sending

    /**
     * A server may close a connection after refusing a request (an oversized header or URL); the client may find out
     * only when it reuses the connection. A request that gets no answer is sent once more, on a new connection.
     */
    private static Answer sendWithOneRetry(FuzzRequest request) throws IOException {
        try {
            return send(request);
        } catch (IOException first) {
            return send(request);
        }
    }

    private static Answer send(FuzzRequest request) throws IOException {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(env().url(request.operation().service())
                + request.pathAndQuery())).timeout(TIMEOUT);
        String token = token(request.caller());
        if (token != null) {
            http.header("Authorization", "Bearer " + token);
        }
        http.header("Accept", "application/json, application/problem+json;q=0.9, */*;q=0.8");
        request.headers().forEach(http::header);
        if (request.body() != null) {
            http.header("Content-Type", request.contentType());
            http.method(request.operation().method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            http.method(request.operation().method(), HttpRequest.BodyPublishers.noBody());
        }
        return exchange(http.build());
    }

    private static Answer exchange(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Answer get(String service, String path, String identity) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(env().url(service) + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        String token = token(identity);
        if (token != null) {
            http.header("Authorization", "Bearer " + token);
        }
        try {
            return exchange(http.GET().build());
        } catch (IOException e) {
            return new Answer(0, "", e.toString(), Map.of());
        }
    }

    // ---- the checks

    private static void check(FuzzRequest request, Answer answer, List<Finding> findings) {
        Operation op = request.operation();
        int status = answer.status();
        Set<String> documented = op.statuses();
        // a 503 the operation documents is its honest "not now, retry"; any other 5xx is a failure
        if (status >= 500 && !(status == 503 && documented.contains("503"))) {
            findings.add(finding(request, "5xx", status + ": " + answer.excerpt()));
        }
        String code = String.valueOf(status);
        String documentedAs = documented.contains(code) ? code
                : documented.contains(status / 100 + "XX") ? status / 100 + "XX"
                : documented.contains("default") ? "default" : null;
        if (documentedAs == null) {
            findings.add(finding(request, "undocumented status", status + " (documented: " + documented + "): "
                    + answer.excerpt()));
        }
        if (status >= 400) {
            String problem = problemError(answer);
            if (problem != null) {
                findings.add(finding(request, "error not a problem", status + ": " + problem));
            }
        } else if (status >= 200 && status < 300) {
            if (request.invalid()) {
                findings.add(finding(request, "invalid input accepted", status + " for " + String.join("; ",
                        request.invalidBecause())));
            }
            if (documentedAs != null) {
                String schemaError = schemaError(op, documentedAs, answer);
                if (schemaError != null) {
                    findings.add(finding(request, "2xx body off-schema", status + ": " + schemaError));
                }
            }
        }
    }

    private static String problemError(Answer answer) {
        if (!mediaType(answer.contentType()).equals("application/problem+json")) {
            return "Content-Type " + (answer.contentType().isEmpty() ? "absent" : answer.contentType())
                    + ", body " + answer.excerpt();
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem == null || !problem.isObject() || problem.isMissingNode() || problem.path("status").asInt() != answer.status()) {
                return "the problem's status is not " + answer.status() + ": " + answer.excerpt();
            }
        } catch (IOException e) {
            return "not JSON: " + answer.excerpt();
        }
        return null;
    }

    private static String schemaError(Operation op, String documentedAs, Answer answer) {
        Map<String, JsonNode> content = op.responseContent(documentedAs);
        if (content.isEmpty()) {
            return null;
        }
        String mediaType = mediaType(answer.contentType());
        JsonNode schema = null;
        boolean known = false;
        for (Map.Entry<String, JsonNode> entry : content.entrySet()) {
            if (mediaType(entry.getKey()).equals(mediaType)) {
                known = true;
                schema = entry.getValue();
            }
        }
        if (!known) {
            return "Content-Type " + answer.contentType() + " is not among " + content.keySet();
        }
        if (!mediaType.contains("json") || schema == null || schema.isMissingNode()) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "not JSON: " + answer.excerpt();
        }
        if (body == null || body.isMissingNode()) {
            return "an empty body";
        }
        List<String> errors = new SchemaValidator(ContractFuzzIT::externalSchema, false)
                .validate(body, schema, op.document());
        if (errors.isEmpty()) {
            return null;
        }
        return errors.size() + " violation(s): " + String.join("; ", errors.subList(0, Math.min(5, errors.size())))
                + (errors.size() > 5 ? "; …" : "");
    }

    /** A schema a contract names by URL (the report schema): fetched once from the service that serves it. */
    private static JsonNode externalSchema(String ref) {
        return EXTERNAL_SCHEMAS.computeIfAbsent(ref, r -> json(get(DISCLOSURE, r, "none").body()));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    // ---- nothing written

    /** The reads that would show a write: the record the path names, or records and entries carrying the marks. */
    private static List<Probe> probes(FuzzRequest request, Fixtures aim) {
        Operation op = request.operation();
        String path = request.pathAndQuery();
        List<Probe> probes = new ArrayList<>();
        switch (op.service()) {
            case PARTNERSHIP -> {
                if (path.startsWith("/api/v1/partners/" + aim.partnerId())) {
                    probes.add(new Probe(PARTNERSHIP, "/api/v1/partners/" + aim.partnerId(), "ivan"));
                } else if (path.startsWith("/api/v1/partnerships/" + aim.partnershipId())) {
                    probes.add(new Probe(PARTNERSHIP, "/api/v1/partnerships/" + aim.partnershipId(), "ivan"));
                } else if (op.path().equals("/api/v1/partners") || op.path().equals("/api/v1/partnerships")) {
                    probes.add(new Probe(PARTNERSHIP, op.path() + "?limit=500&q=" + request.marks().get("token"),
                            "ivan"));
                }
            }
            case AUDIT -> {
                if (op.path().startsWith("/api/v1/events")) {
                    probes.add(new Probe(AUDIT, "/api/v1/events?limit=500&actorId=" + request.marks().get("actorId"),
                            "ivan"));
                    probes.add(new Probe(AUDIT, "/api/v1/events?limit=500&partnershipId="
                            + request.marks().get("partnershipId"), "ivan"));
                }
            }
            case DISCLOSURE -> {
                for (UUID id : List.of(aim.draftDisclosureId(), aim.publishedDisclosureId())) {
                    if (path.startsWith("/api/v1/disclosures/" + id)) {
                        probes.add(new Probe(DISCLOSURE, "/api/v1/disclosures/" + id + "/metadata", "ivan"));
                    }
                }
                if (op.path().equals("/api/v1/disclosures")) {
                    probes.add(new Probe(DISCLOSURE, "/api/v1/disclosures?limit=500", "alice"));
                }
            }
            default -> {
            }
        }
        return probes;
    }

    /** What a probe sees: the status and ETag and body of a record, the ids of a list (every page of it). */
    private static String read(Probe probe) {
        StringBuilder seen = new StringBuilder();
        String path = probe.path();
        for (int page = 0; page < 20 && path != null; page++) {
            Answer answer = get(probe.service(), path, probe.identity());
            seen.append(answer.status()).append(' ');
            path = null;
            if (answer.status() != 200) {
                continue;
            }
            JsonNode body;
            try {
                body = JSON.readTree(answer.body());
            } catch (IOException e) {
                seen.append(answer.body());
                continue;
            }
            if (body.has("items")) {
                body.path("items").forEach(i -> seen.append(i.has("id") ? i.path("id").asText() : i.path("seq")
                        .asText()).append(','));
                if (body.hasNonNull("next") && probe.path().contains("/disclosures?")) {
                    path = probe.path() + "&after=" + RequestGenerator.encode(body.get("next").asText());
                }
            } else {
                seen.append(answer.headers().getOrDefault("etag", List.of())).append(' ').append(answer.body());
            }
        }
        return seen.toString();
    }

    /** The ETag a record has now, for a valid If-Match. */
    private static String etag(String path) {
        if (!path.startsWith("/api/v1/partner")) {
            return null;
        }
        return get(PARTNERSHIP, path, "ivan").headers().getOrDefault("etag", List.of()).stream().findFirst()
                .orElse(null);
    }

    // ---- the report

    private static Finding finding(FuzzRequest request, String check, String detail) {
        return new Finding(request.operation().method() + " " + request.operation().path(), check,
                "[" + request.change() + "] " + detail, request.line(env().url(request.operation().service())));
    }

    /** Counts per check, then per check and operation the findings (at most {@code examples} of each group). */
    static String report(String service, String summary, List<Finding> findings, int examples) {
        Map<String, Map<String, List<Finding>>> grouped = new TreeMap<>();
        findings.forEach(f -> grouped.computeIfAbsent(f.check(), c -> new TreeMap<>())
                .computeIfAbsent(f.operation(), o -> new ArrayList<>()).add(f));
        StringBuilder out = new StringBuilder("# Contract fuzzing of ").append(service).append("\n\n")
                .append(summary).append("\n\n").append(findings.size()).append(" finding(s)");
        grouped.forEach((check, byOp) -> out.append(", ").append(check).append(": ")
                .append(byOp.values().stream().mapToInt(List::size).sum()));
        out.append('\n');
        grouped.forEach((check, byOp) -> {
            out.append("\n## ").append(check).append('\n');
            byOp.forEach((operation, list) -> {
                out.append("\n### ").append(operation).append(" (").append(list.size()).append(")\n");
                list.stream().limit(examples).forEach(f -> out.append("- ").append(f.detail()).append("\n  `")
                        .append(f.request()).append("`\n"));
            });
        });
        return out.toString();
    }

    private static String cut(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
