package dev.sightline.systemtest;

import static dev.sightline.systemtest.SystemEnvironment.AUDIT;
import static dev.sightline.systemtest.SystemEnvironment.DISCLOSURE;
import static dev.sightline.systemtest.SystemEnvironment.PARTNERSHIP;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sightline.systemtest.OpenApiOperations.Operation;
import dev.sightline.systemtest.OpenApiOperations.Parameter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Requests generated from an operation of a committed contract: first a valid one (values from the schemas, their
 * examples and the records made for the run), then, most of the time, one change to one parameter, header or body
 * field (or the body as a whole) taken from a catalogue of what careless and hostile clients send. A change that
 * breaks the contract (the schema checked strictly, as the services read JSON) or puts a NUL character or a lone
 * surrogate into text makes the request invalid: the answer must be a refusal. Everything random comes from the
 * seeded {@link Random}, so a seed replays the same sequence of requests.
 */
final class RequestGenerator {
    /**
     * The records requests point at: ids in paths, partners and partnerships named in bodies; {@code
     * disclosedPartnershipId} is one in force in an EU market, for disclosures to cover.
     */
    record Fixtures(UUID partnerId, UUID partnershipId, UUID disclosedPartnershipId, UUID draftDisclosureId,
            UUID publishedDisclosureId, long seq) {
    }

    static final String NUL = "\u0000";
    static final String LONE_SURROGATE = "\ud800";
    /** A lone surrogate cannot be UTF-8; in a URL it is sent as the bytes a careless encoder would write. */
    private static final String LONE_SURROGATE_ENCODED = "%ED%A0%80";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes only ASCII: NUL and lone surrogates leave as \\u escapes, exactly as a client would send them. */
    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final List<String> PATTERN_CANDIDATES = List.of("fuzz", "DE", "PRT-FUZZ-1", "user.content",
            "a", "A1", "x1", "US-CA", "00000000000000000000", "5493001KJTIIGC8Y1R12");

    private final Random random;
    private Fixtures fixtures;
    private final Function<String, String> currentEtag;
    private final String run;
    private final SchemaValidator strict = new SchemaValidator(ref -> MissingNode.getInstance(), true);
    private final Set<String> oversizedSent = new HashSet<>();
    private int counter;

    /**
     * @param currentEtag the ETag a path's record has now (for a valid If-Match), or null
     * @param run a value of this run alone, so that values meant to be unique stay unique across runs on one database
     */
    RequestGenerator(Random random, Fixtures fixtures, Function<String, String> currentEtag, String run) {
        this.random = random;
        this.fixtures = fixtures;
        this.currentEtag = currentEtag;
        this.run = run;
    }

    /** Records to aim at from now on (a fixture a valid request used up, replaced). */
    void aimAt(Fixtures replacement) {
        fixtures = replacement;
    }

    Fixtures fixtures() {
        return fixtures;
    }

    /** A valid request for the operation, changed once unless {@code valid}. */
    FuzzRequest next(Operation op, String caller, boolean valid) {
        Draft draft = validDraft(op);
        if (!valid) {
            mutate(op, draft);
        }
        byte[] body = draft.rawBody != null ? draft.rawBody.getBytes(StandardCharsets.UTF_8)
                : draft.body != null ? ascii(draft.body).getBytes(StandardCharsets.US_ASCII) : null;
        if (draft.rawBody == null && draft.body != null && op.requestSchema() != null) {
            List<String> broken = strict.validate(draft.body, op.requestSchema(), op.document());
            broken.forEach(b -> draft.invalid.add("body " + b));
            unrepresentableText(draft.body, "body $", draft.invalid);
        }
        StringBuilder target = new StringBuilder(op.path());
        for (Map.Entry<String, String> p : draft.pathValues.entrySet()) {
            int at = target.indexOf("{" + p.getKey() + "}");
            target.replace(at, at + p.getKey().length() + 2, p.getValue());
        }
        String separator = "?";
        for (Map.Entry<String, List<String>> q : draft.query.entrySet()) {
            for (String value : q.getValue()) {
                target.append(separator).append(encode(q.getKey())).append('=').append(value);
                separator = "&";
            }
        }
        return new FuzzRequest(op, caller, target.toString(), draft.headers, draft.contentType, body, draft.change,
                List.copyOf(draft.invalid), draft.marks);
    }

    // ---- the valid request

    private static final class Draft {
        final Map<String, String> pathValues = new LinkedHashMap<>();
        final Map<String, List<String>> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> marks = new LinkedHashMap<>();
        final List<String> invalid = new ArrayList<>();
        JsonNode body;
        String rawBody;
        String contentType = "application/json";
        String change = "unchanged";
    }

    private Draft validDraft(Operation op) {
        Draft draft = new Draft();
        String token = "FZ" + run + (counter++);
        draft.marks.put("token", token);
        for (Parameter p : op.parameters()) {
            switch (p.in()) {
                case "path" -> draft.pathValues.put(p.name(), encode(validPathValue(op, p)));
                case "query" -> {
                    String value = p.required() || random.nextBoolean() ? validQueryValue(op, p) : null;
                    if (value != null) {
                        draft.query.put(p.name(), List.of(encode(value)));
                    }
                }
                case "header" -> {
                    if (p.name().equalsIgnoreCase("If-Match") && (p.required() || random.nextBoolean())) {
                        String etag = currentEtag.apply(op.path().replace("{id}", draft.pathValues
                                .getOrDefault("id", "")));
                        draft.headers.put("If-Match", etag != null ? etag : "\"1\"");
                    }
                }
                default -> {
                }
            }
        }
        JsonNode schema = op.requestSchema();
        if (schema != null) {
            draft.body = validValue(schema, op.document(), "", 0);
            fixUp(op, draft.body, draft);
        }
        return draft;
    }

    private String validPathValue(Operation op, Parameter p) {
        if (p.name().equals("seq")) {
            return String.valueOf(fixtures.seq());
        }
        if (p.type().equals("integer")) {
            return "1";
        }
        if (random.nextInt(10) == 0) {
            return uuid().toString(); // well formed, names nothing
        }
        return switch (op.service()) {
            case PARTNERSHIP -> (op.path().startsWith("/api/v1/partners/") ? fixtures.partnerId()
                    : fixtures.partnershipId()).toString();
            case DISCLOSURE -> (random.nextBoolean() ? fixtures.draftDisclosureId()
                    : fixtures.publishedDisclosureId()).toString();
            default -> uuid().toString();
        };
    }

    private String validQueryValue(Operation op, Parameter p) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        boolean integer = p.type().equals("integer");
        return switch (p.name()) {
            case "partnershipId" -> fixtures.partnershipId().toString();
            case "partnerId" -> fixtures.partnerId().toString();
            case "from" -> integer ? "0" : now.minus(30, ChronoUnit.DAYS).toString();
            case "to" -> integer ? null : now.plus(1, ChronoUnit.DAYS).toString();
            case "at" -> Instant.now().toString();
            case "seq" -> String.valueOf(fixtures.seq());
            case "treeSize" -> null;
            case "size" -> "1";
            case "limit" -> String.valueOf(1 + random.nextInt(20));
            case "after" -> integer ? "-1" : null; // an opaque cursor: only a page's 'next' is valid
            case "q", "actorId" -> "fuzz";
            case "country", "market" -> random.nextBoolean() ? "DE" : "CN";
            case "jurisdiction" -> random.nextBoolean() ? "EU" : "CN";
            case "status" -> op.service().equals(DISCLOSURE) ? "PUBLISHED" : "DRAFT";
            case "riskClass" -> "LIMITED";
            case "category" -> "user.content";
            case "groupBy" -> "category";
            default -> {
                JsonNode value = validValue(p.schema(), op.document(), p.name(), 0);
                yield value.isArray() ? (value.isEmpty() ? null : value.get(0).asText()) : value.asText();
            }
        };
    }

    /** A value the schema accepts: its example where it has one (most of the time), else one made from it. */
    private JsonNode validValue(JsonNode rawSchema, JsonNode document, String name, int depth) {
        JsonNode schema = flatten(rawSchema, document);
        JsonNode examples = schema.path("examples");
        if (examples.isArray() && !examples.isEmpty() && !examples.get(0).isNull() && random.nextInt(10) < 8) {
            return withoutNulls(examples.get(0).deepCopy());
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        String type = type(schema);
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext() && depth < 8) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    if (required.contains(property.getKey()) || random.nextInt(10) < 6) {
                        object.set(property.getKey(), validValue(property.getValue(), document, property.getKey(),
                                depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = Math.max(schema.path("minItems").asInt(0), 1 + random.nextInt(2));
                for (int i = 0; i < size && depth < 8; i++) {
                    array.add(validValue(schema.path("items"), document, name, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 20;
                return NODES.numberNode(min + random.nextInt((int) Math.min(10, max - min + 1)));
            }
            case "number" -> {
                return NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return BooleanNode.valueOf(random.nextBoolean());
            }
            default -> {
                return TextNode.valueOf(validText(schema, format, name));
            }
        }
    }

    private String validText(JsonNode schema, String format, String name) {
        return switch (format) {
            case "date-time" -> Instant.now().minus(random.nextInt(600), ChronoUnit.MINUTES)
                    .truncatedTo(ChronoUnit.SECONDS).toString();
            case "date" -> LocalDate.now(ZoneOffset.UTC).minusDays(random.nextInt(30)).toString();
            case "uuid" -> uuid().toString();
            default -> {
                if (name.toLowerCase(Locale.ROOT).contains("country") || name.equals("fromRegion")) {
                    yield "DE";
                }
                String pattern = schema.path("pattern").asText(null);
                if (pattern == null) {
                    yield "fuzz " + name;
                }
                yield PATTERN_CANDIDATES.stream().filter(c -> SchemaValidator.matchesPattern(c, pattern)).findFirst()
                        .orElse("fuzz");
            }
        };
    }

    /**
     * What a schema can only say in words: ids of records that exist, references and names unique to this request
     * (the marks by which a refused create is looked for), an actor and a partnership of its own for each event.
     */
    private void fixUp(Operation op, JsonNode body, Draft draft) {
        String token = draft.marks.get("token");
        if (op.service().equals(AUDIT)) {
            draft.marks.put("actorId", "fuzz-" + token.toLowerCase(Locale.ROOT));
            draft.marks.put("partnershipId", uuid().toString());
        }
        fixUp(op, body, draft, token);
    }

    private void fixUp(Operation op, JsonNode node, Draft draft, String token) {
        if (node instanceof ArrayNode array) {
            array.forEach(item -> fixUp(op, item, draft, token));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        boolean audit = op.service().equals(AUDIT);
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = object.get(name);
            switch (name) {
                case "partnerId" -> object.put(name, fixtures.partnerId().toString());
                case "partnershipId" -> object.put(name, audit ? draft.marks.get("partnershipId")
                        : fixtures.partnershipId().toString());
                case "partnershipIds" -> object.set(name, NODES.arrayNode()
                        .add(fixtures.disclosedPartnershipId().toString()));
                case "eventId" -> object.put(name, uuid().toString());
                case "supersedes" -> object.remove(name);
                case "jurisdiction" -> {
                    if (op.service().equals(DISCLOSURE)) {
                        object.put(name, "EU"); // as the disclosures the run starts from
                    }
                }
                case "reference" -> {
                    if (value.isTextual() && op.service().equals(PARTNERSHIP) && object.has("title")) {
                        object.put(name, "PRT-" + token);
                    }
                }
                case "title" -> object.put(name, "Fuzz " + token);
                case "legalName" -> object.put(name, "Fuzz Partner " + token);
                case "parentGroup" -> object.put(name, token);
                case "occurredAt" -> object.put(name, Instant.now().minus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS).toString());
                case "subjectRef" -> object.put(name, pseudonym());
                case "actor" -> {
                    if (value instanceof ObjectNode actor) {
                        actor.put("id", draft.marks.get("actorId"));
                    }
                }
                default -> fixUp(op, value, draft, token);
            }
        }
        if (object.has("action") && !"AUTHORITY_REQUEST".equals(object.path("action").asText())) {
            object.remove("authority");
        }
        if (op.service().equals(DISCLOSURE) && object.has("jurisdiction") && !object.has("partnershipIds")) {
            object.set("partnershipIds", NODES.arrayNode().add(fixtures.disclosedPartnershipId().toString()));
        }
        if (op.service().equals(DISCLOSURE) && object.has("jurisdiction")) {
            // a period of the generator may not have ended: a valid request asks for a provisional report then
            object.put("provisional", true);
        }
        if (object.has("periodStartDate") || object.has("periodEndDate")) {
            object.remove("periodStart");
            object.remove("periodEnd");
        }
        if (object.has("actor") && !object.has("eventId")) {
            object.put("eventId", uuid().toString());
        }
    }

    // ---- the one change

    /** Where a change can go: a parameter or header, the body as a whole, or a body field (present or not). */
    private record Target(String in, String name, Parameter parameter, List<Object> path, JsonNode schema,
            boolean present) {
        String describe() {
            return switch (in) {
                case "body" -> path.isEmpty() ? "the body" : "body " + pathText(path);
                default -> in + " parameter " + name;
            };
        }
    }

    private void mutate(Operation op, Draft draft) {
        List<Target> targets = new ArrayList<>();
        for (Parameter p : op.parameters()) {
            if (List.of("path", "query", "header").contains(p.in())) {
                targets.add(new Target(p.in(), p.name(), p, List.of(), p.schema(), true));
            }
        }
        if (op.requestSchema() != null) {
            targets.add(new Target("body", "", null, List.of(), op.requestSchema(), true));
            bodyTargets(draft.body, op.requestSchema(), op.document(), new ArrayList<>(), targets);
        }
        if (targets.isEmpty()) {
            // nothing to change but the request itself: a body it does not take, and a header too large to read
            if (random.nextBoolean()) {
                draft.rawBody = "{\"unexpected\":true}";
                draft.change = "a body the operation does not take";
            } else {
                draft.headers.put("X-Fuzz", "x".repeat(20_000));
                draft.change = "a 20,000-character header";
            }
            return;
        }
        Target target = targets.get(random.nextInt(targets.size()));
        switch (target.in()) {
            case "path" -> mutatePath(op, draft, target);
            case "query" -> mutateQuery(op, draft, target);
            case "header" -> mutateHeader(draft, target);
            default -> {
                if (target.path().isEmpty()) {
                    mutateWholeBody(op, draft);
                } else {
                    mutateField(op, draft, target);
                }
            }
        }
    }

    private void bodyTargets(JsonNode value, JsonNode rawSchema, JsonNode document, List<Object> path,
            List<Target> targets) {
        if (path.size() > 6) {
            return;
        }
        JsonNode schema = flatten(rawSchema, document);
        if (value instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                List<Object> at = append(path, property.getKey());
                boolean present = object.has(property.getKey());
                targets.add(new Target("body", property.getKey(), null, at, property.getValue(), present));
                if (present) {
                    bodyTargets(object.get(property.getKey()), property.getValue(), document, at, targets);
                }
            }
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < Math.min(array.size(), 2); i++) {
                List<Object> at = append(path, i);
                targets.add(new Target("body", String.valueOf(i), null, at, schema.path("items"), true));
                bodyTargets(array.get(i), schema.path("items"), document, at, targets);
            }
        }
    }

    /** Path values, already encoded, each with the text the server decodes (null: bytes that are no text). */
    private void mutatePath(Operation op, Draft draft, Target target) {
        String current = draft.pathValues.get(target.name());
        String uuid = uuid().toString();
        List<String[]> choices = List.of(
                new String[] {"not-a-uuid", "not-a-uuid"}, new String[] {"%20", " "}, new String[] {"%00", NUL},
                new String[] {"-1", "-1"}, new String[] {"99999999999999999999", "99999999999999999999"},
                new String[] {"1.5", "1.5"}, new String[] {"abc", "abc"}, new String[] {"0", "0"},
                new String[] {uuid + "%20", uuid + " "}, new String[] {uuid + "%00", uuid + NUL},
                new String[] {current.toUpperCase(Locale.ROOT), current.toUpperCase(Locale.ROOT)},
                new String[] {"a".repeat(9000), "a".repeat(9000)},
                new String[] {LONE_SURROGATE_ENCODED, null},
                new String[] {"%2E%2E%2Fpartners", "../partners"});
        String[] choice = choices.get(random.nextInt(choices.size()));
        draft.pathValues.put(target.name(), choice[0]);
        draft.change = target.describe() + " = " + (choice[1] == null ? "bytes " + choice[0]
                : SchemaValidator.quote(choice[1]));
        if (choice[1] != null) {
            parameterBreaks(op, target.parameter(), choice[1], draft.invalid);
        } else {
            draft.invalid.add(target.describe() + ": not UTF-8");
        }
    }

    private void mutateQuery(Operation op, Draft draft, Target target) {
        Parameter p = target.parameter();
        List<String> texts = new ArrayList<>(List.of("", " ", NUL, "fuzz" + NUL, "x".repeat(5000), "abc", "-1",
                "-2", "99999999999999999999", "2147483648", "1.5", "0", "+1000000000-01-01T00:00:00Z",
                "-999999999-01-01T00:00:00Z", "2026-13-45T25:61:00Z", "2026-01-01", "2026-01-01T00:00:00",
                "1e400", "not-a-uuid", uuid() + " ", uuid() + NUL, "UNKNOWN_VALUE", "true"));
        JsonNode schema = flatten(p.schema(), op.document());
        schema.path("enum").forEach(e -> texts.add(e.asText().toLowerCase(Locale.ROOT)));
        int pick = random.nextInt(texts.size() + 3);
        List<String> present = draft.query.get(p.name());
        if (pick == texts.size()) {
            draft.query.remove(p.name());
            draft.change = target.describe() + " left out";
            if (p.required()) {
                draft.invalid.add(target.describe() + " is required");
            }
        } else if (pick == texts.size() + 1) {
            String value = present != null ? present.get(0) : encode(validOrX(op, p));
            draft.query.put(p.name(), List.of(value, value));
            draft.change = target.describe() + " given twice";
        } else if (pick == texts.size() + 2) {
            draft.query.put(p.name(), List.of(LONE_SURROGATE_ENCODED));
            draft.change = target.describe() + " = bytes " + LONE_SURROGATE_ENCODED + " (a lone surrogate)";
            // a lenient decoder reads U+FFFD: wrong for a UUID, a number or an enum, fine for free text
            parameterBreaks(op, p, "\ufffd", draft.invalid);
        } else if (texts.get(pick).isEmpty()) {
            // "x=" is how forms send a field left empty: it reads as absent
            draft.query.put(p.name(), List.of(""));
            draft.change = target.describe() + " = \"\" (empty)";
            if (p.required()) {
                draft.invalid.add(target.describe() + " is required, and empty");
            }
        } else {
            String text = texts.get(pick);
            draft.query.put(p.name(), List.of(encode(text)));
            draft.change = target.describe() + " = " + SchemaValidator.quote(text);
            parameterBreaks(op, p, text, draft.invalid);
        }
    }

    private String validOrX(Operation op, Parameter p) {
        String value = validQueryValue(op, p);
        return value == null ? "x" : value;
    }

    private void mutateHeader(Draft draft, Target target) {
        List<String> values = List.of("*", "\"999999\"", "W/\"1\"", "", "garbage", "\"1\", \"2\", \"3\"",
                "\"" + "9".repeat(30) + "\"", "\"-1\"", "x".repeat(20_000));
        int pick = random.nextInt(values.size() + 1);
        if (pick == values.size()) {
            draft.headers.remove(target.name());
            draft.change = "header " + target.name() + " left out";
            if (target.parameter().required()) {
                draft.invalid.add("header " + target.name() + " is required");
            }
        } else {
            draft.headers.put(target.name(), values.get(pick));
            draft.change = "header " + target.name() + " = " + SchemaValidator.quote(values.get(pick));
        }
    }

    private void mutateWholeBody(Operation op, Draft draft) {
        String valid = ascii(draft.body);
        int pick = random.nextInt(10);
        if (pick == 9 && !oversizedSent.add(op.id())) {
            pick = random.nextInt(9);
        }
        switch (pick) {
            case 0 -> draft.rawBody = valid.substring(0, Math.max(1, valid.length() / 2));
            case 1 -> draft.rawBody = "";
            case 2 -> draft.rawBody = "null";
            case 3 -> draft.rawBody = "[" + valid + "]";
            case 4 -> draft.rawBody = "\"" + op.id() + "\"";
            case 5 -> {
                draft.rawBody = valid;
                draft.contentType = "text/plain";
            }
            case 6 -> {
                draft.rawBody = "<request/>";
                draft.contentType = "application/xml";
            }
            case 7 -> draft.rawBody = valid + " trailing";
            case 8 -> {
                ObjectNode extra = draft.body.isObject() ? ((ObjectNode) draft.body).deepCopy() : NODES.objectNode();
                extra.put("unexpectedField", 1);
                draft.body = extra;
                draft.change = "the body with an extra property unexpectedField";
                return;
            }
            default -> {
                // a body over the services' 10 MB limit (once per operation: it is slow to send)
                draft.rawBody = "{\"padding\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
            }
        }
        String[] names = {"truncated JSON", "an empty body", "the JSON null", "the body inside an array",
            "a JSON string", "the body as text/plain", "an XML body", "JSON followed by text", "", "an 11 MB body"};
        draft.change = names[pick];
        draft.invalid.add(names[pick]);
    }

    private void mutateField(Operation op, Draft draft, Target target) {
        List<Object> path = target.path();
        JsonNode schema = flatten(target.schema(), op.document());
        List<JsonNode> values = new ArrayList<>(List.of(NullNode.getInstance(), TextNode.valueOf(""),
                TextNode.valueOf("   "), TextNode.valueOf("fuzz" + NUL + "value"),
                TextNode.valueOf("fuzz" + LONE_SURROGATE + "value"), TextNode.valueOf("x".repeat(10_001)),
                NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1.5),
                DecimalNode.valueOf(new BigDecimal("1e400")), DecimalNode.valueOf(new BigDecimal("-1e400")),
                NODES.numberNode(new BigInteger("99999999999999999999999")), BooleanNode.TRUE,
                NODES.objectNode(), NODES.arrayNode(), TextNode.valueOf("5"),
                TextNode.valueOf("+1000000000-01-01T00:00:00Z"), TextNode.valueOf("-999999999-01-01T00:00:00Z"),
                TextNode.valueOf("not-a-uuid"), TextNode.valueOf(uuid() + " "),
                TextNode.valueOf(uuid() + NUL), TextNode.valueOf("UNKNOWN_VALUE")));
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            values.add(TextNode.valueOf(schema.get("enum").get(0).asText().toLowerCase(Locale.ROOT)));
        }
        if (schema.has("maxLength")) {
            values.add(TextNode.valueOf("a".repeat(schema.get("maxLength").asInt() + 1)));
        }
        if (schema.has("maxItems") && schema.get("maxItems").asInt() < 300) {
            ArrayNode many = NODES.arrayNode();
            JsonNode present = draft.body.at(pointer(path));
            JsonNode item = present.isArray() && !present.isEmpty() ? present.get(0) : TextNode.valueOf("x");
            for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                many.add(item.deepCopy());
            }
            values.add(many);
        }
        JsonNode present = target.present() ? draft.body.at(pointer(path)) : MissingNode.getInstance();
        if (present.isTextual()) {
            String text = present.textValue();
            values.add(TextNode.valueOf(" " + text + " "));
            values.add(TextNode.valueOf(text + NUL));
            values.add(TextNode.valueOf(text.toLowerCase(Locale.ROOT)));
        }
        int extra = target.present() ? 2 : 0; // leave the field out; an unexpected property next to it
        int pick = random.nextInt(values.size() + extra);
        if (pick == values.size()) {
            remove(draft.body, path);
            draft.change = target.describe() + " left out";
        } else if (pick == values.size() + 1 && present.isObject()) {
            ((ObjectNode) present).put("unexpectedField", "x");
            draft.change = target.describe() + " with an extra property unexpectedField";
        } else {
            JsonNode value = values.get(Math.min(pick, values.size() - 1));
            set(draft.body, path, value);
            draft.change = target.describe() + " = " + SchemaValidator.describe(value);
        }
    }

    // ---- what breaks a parameter

    /** Why the decoded text breaks the parameter's schema, added to {@code invalid}; nothing when it does not. */
    private static void parameterBreaks(Operation op, Parameter p, String text, List<String> invalid) {
        String where = p.in() + " parameter " + p.name();
        if (text.contains(NUL)) {
            invalid.add(where + ": a NUL character");
            return;
        }
        JsonNode schema = flatten(p.schema(), op.document());
        String type = type(schema);
        if (type.equals("array")) {
            schema = flatten(schema.path("items"), op.document());
            type = type(schema);
        }
        if (type.equals("integer")) {
            if (!text.matches("-?\\d+")) {
                invalid.add(where + ": " + SchemaValidator.quote(text) + " is not an integer");
                return;
            }
            BigInteger number = new BigInteger(text);
            BigInteger min = BigInteger.valueOf(schema.path("format").asText("").equals("int32")
                    ? Integer.MIN_VALUE : Long.MIN_VALUE);
            BigInteger max = BigInteger.valueOf(schema.path("format").asText("").equals("int32")
                    ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (schema.has("minimum")) {
                min = min.max(schema.get("minimum").bigIntegerValue());
            }
            if (schema.has("maximum")) {
                max = max.min(schema.get("maximum").bigIntegerValue());
            }
            if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
                invalid.add(where + ": " + text + " is outside [" + min + ", " + max + "]");
            }
            return;
        }
        List<String> broken = new SchemaValidator(ref -> MissingNode.getInstance(), true)
                .validate(TextNode.valueOf(text), schema, op.document());
        broken.forEach(b -> invalid.add(where + " " + b.substring(1)));
    }

    /** A NUL or a lone surrogate in any string of the body: text no service can store or answer with. */
    private static void unrepresentableText(JsonNode node, String path, List<String> invalid) {
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.contains(NUL)) {
                invalid.add(path + ": a NUL character");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && (i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1)))
                        || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                    invalid.add(path + ": a lone surrogate");
                    break;
                }
            }
        } else if (node.isContainerNode()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                unrepresentableText(field.getValue(), path + "." + field.getKey(), invalid);
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    unrepresentableText(node.get(i), path + "[" + i + "]", invalid);
                }
            }
        }
    }

    // ---- schema and JSON helpers

    /** A version 4 UUID from the seeded generator (UUID.randomUUID() would not replay). */
    /** A subject pseudonym in the log's format: ps_ and 32 random bytes in unpadded base64url. */
    private String pseudonym() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private UUID uuid() {
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * The schema with its references followed and {@code allOf} merged in, for generating values (checking uses
     * {@link SchemaValidator} on the schema as written); of {@code anyOf}/{@code oneOf}, the first that is not null.
     */
    static JsonNode flatten(JsonNode schema, JsonNode document) {
        ObjectNode out = NODES.objectNode();
        flattenInto(schema, document, out, 0);
        return out;
    }

    private static void flattenInto(JsonNode schema, JsonNode document, ObjectNode out, int depth) {
        if (schema == null || !schema.isObject() || depth > 16) {
            return;
        }
        if (schema.has("$ref") && schema.get("$ref").asText().startsWith("#/")) {
            flattenInto(document.at(schema.get("$ref").asText().substring(1)), document, out, depth + 1);
        }
        for (JsonNode part : schema.path("allOf")) {
            flattenInto(part, document, out, depth + 1);
        }
        for (String choice : List.of("anyOf", "oneOf")) {
            for (JsonNode part : schema.path(choice)) {
                if (!"null".equals(part.path("type").asText())) {
                    flattenInto(part, document, out, depth + 1);
                    break;
                }
            }
        }
        schema.fields().forEachRemaining(e -> {
            if (!List.of("$ref", "allOf", "anyOf", "oneOf").contains(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!one.asText().equals("null")) {
                    return one.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    /** An example's nulls stand for absent fields: a request leaves them out. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    withoutNulls(e.getValue());
                }
            });
            object.remove(nulls);
        } else if (node instanceof ArrayNode array) {
            array.forEach(RequestGenerator::withoutNulls);
        }
        return node;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    private static String pathText(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            out.append(step instanceof Integer i ? "[" + i + "]" : (out.isEmpty() ? "" : ".") + step);
        }
        return out.toString();
    }

    private static String pointer(List<Object> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(step -> out.append('/').append(step.toString().replace("~", "~0").replace("/", "~1")));
        return out.toString();
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root.at(pointer(path.subList(0, path.size() - 1)));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
    }

    private static void remove(JsonNode root, List<Object> path) {
        JsonNode parent = root.at(pointer(path.subList(0, path.size() - 1)));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove((String) last);
        } else if (parent instanceof ArrayNode array) {
            array.remove((Integer) last);
        }
    }

    static String ascii(JsonNode body) {
        try {
            return ASCII_JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
