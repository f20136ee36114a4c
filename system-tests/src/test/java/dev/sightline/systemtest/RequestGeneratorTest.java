package dev.sightline.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sightline.systemtest.OpenApiOperations.Operation;
import dev.sightline.systemtest.RequestGenerator.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fuzzer's own laws, without the services: valid means valid, a seed replays, the checker reads as meant. */
class RequestGeneratorTest {
    private static final Path ROOT = Path.of(System.getProperty("sightline.root", "..")).toAbsolutePath().normalize();
    private static final Fixtures FIXTURES = new Fixtures(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID(), 0);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<Operation> all() {
        List<Operation> all = new ArrayList<>();
        for (String service : SystemEnvironment.SERVICES) {
            all.addAll(OpenApiOperations.read(service, ROOT.resolve(service).resolve("src/main/openapi/openapi.yaml")));
        }
        return all;
    }

    @Test
    void anUnchangedRequestKeepsToTheContract() {
        for (long seed = 0; seed < 30; seed++) {
            RequestGenerator generator = new RequestGenerator(new Random(seed), FIXTURES, path -> "\"1\"", "T");
            for (Operation op : all()) {
                FuzzRequest request = generator.next(op, "alice", true);
                assertTrue(request.invalidBecause().isEmpty(), "seed " + seed + " " + op + ": "
                        + request.invalidBecause() + "\n" + request.line("http://localhost"));
                assertEquals("unchanged", request.change());
            }
        }
    }

    @Test
    void aSeedReplaysTheSameChanges() {
        List<String> first = changes(42);
        assertEquals(first, changes(42));
        assertFalse(first.equals(changes(43)));
        assertTrue(first.stream().filter(c -> !c.equals("unchanged")).count() > first.size() / 2, first.toString());
    }

    private static List<String> changes(long seed) {
        RequestGenerator generator = new RequestGenerator(new Random(seed), FIXTURES, path -> "\"1\"", "T");
        List<String> changes = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Operation op : all()) {
                changes.add(generator.next(op, "alice", false).change());
            }
        }
        return changes;
    }

    @Test
    void changesThatBreakTheContractAreCalledInvalid() {
        RequestGenerator generator = new RequestGenerator(new Random(7), FIXTURES, path -> "\"1\"", "T");
        int invalid = 0;
        int total = 0;
        for (int round = 0; round < 20; round++) {
            for (Operation op : all()) {
                FuzzRequest request = generator.next(op, "alice", false);
                total++;
                invalid += request.invalid() ? 1 : 0;
                if (request.change().contains("NUL") || request.change().contains("\\u0000")) {
                    assertTrue(request.invalid(), request.change());
                }
            }
        }
        assertTrue(invalid > total / 3, invalid + " of " + total);
    }

    @Test
    void theCheckerReadsSchemasAsJsonSchemaDoes() throws IOException {
        JsonNode doc = YAML.readTree("""
                components:
                  schemas:
                    Instant: {type: string, format: date-time}
                    Thing:
                      type: object
                      required: [id]
                      properties:
                        id: {type: string, format: uuid}
                        at: {$ref: "#/components/schemas/Instant", description: when}
                        count: {type: integer, minimum: 0}
                        maybe: {oneOf: [{type: "null"}, {type: string, pattern: "^a"}]}
                        tags: {type: array, maxItems: 1, items: {type: string, enum: [X]}}
                """);
        JsonNode thing = doc.at("/components/schemas/Thing");
        SchemaValidator lenient = new SchemaValidator(ref -> MissingNode.getInstance(), false);
        SchemaValidator strict = new SchemaValidator(ref -> MissingNode.getInstance(), true);
        String id = UUID.randomUUID().toString();
        assertEquals(List.of(), lenient.validate(json("{\"id\":\"" + id + "\",\"at\":\"2026-01-01T00:00:00Z\","
                + "\"count\":1.0,\"maybe\":null,\"tags\":[\"X\"],\"other\":1}"), thing, doc));
        assertEquals(1, strict.validate(json("{\"id\":\"" + id + "\",\"other\":1}"), thing, doc).size());
        assertEquals(List.of(), strict.validate(json("{\"id\":\"" + id + "\",\"at\":null}"), thing, doc));
        assertEquals(1, lenient.validate(json("{\"id\":\"" + id + " \"}"), thing, doc).size());
        assertEquals(1, lenient.validate(json("{\"id\":\"" + id + "\",\"at\":\"+1000000000-01-01T00:00:00Z\"}"),
                thing, doc).size());
        assertEquals(1, lenient.validate(json("{\"id\":\"" + id + "\",\"at\":0}"), thing, doc).size());
        assertEquals(1, lenient.validate(json("{\"id\":\"" + id + "\",\"count\":-1}"), thing, doc).size());
        assertEquals(1, lenient.validate(json("{\"id\":\"" + id + "\",\"maybe\":\"b\"}"), thing, doc).size());
        assertEquals(2, lenient.validate(json("{\"id\":\"" + id + "\",\"tags\":[\"Y\",\"X\"]}"), thing, doc).size());
        assertEquals(1, lenient.validate(json("{}"), thing, doc).size());
        assertFalse(SchemaValidator.isDateTime("2026-01-01T00:00:00"));
        assertFalse(SchemaValidator.isDateTime("2026-02-30T00:00:00Z"));
        assertTrue(SchemaValidator.isDateTime("2026-02-28T23:59:59.123+01:00"));
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
