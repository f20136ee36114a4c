package dev.sightline.systemtest;

import static dev.sightline.systemtest.SystemEnvironment.DISCLOSURE;
import static dev.sightline.systemtest.SystemEnvironment.PARTNERSHIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.systemtest.OpenApiOperations.Operation;
import dev.sightline.systemtest.OpenApiOperations.Parameter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the three committed OpenAPI documents, called with no token, an expired token, a token of
 * another issuer and the token of each demo identity (and the assistant gateway): the answer is what the documented
 * roles say. No token, an expired one or a foreign one is 401; a role outside the operation's scopes is 403; a role
 * inside them is neither (a 404 for an id it may not see, a 400 for the deliberately empty body). Runs after the story,
 * so paths name real records where it reads them.
 */
@Order(2)
class AuthorizationMatrixIT extends SystemTest {
    private static final List<String> COLUMNS = new ArrayList<>();
    /** operation → column → status observed, written to target/system/authorization-matrix.md for people. */
    private static final Map<Operation, Map<String, Integer>> observed = new LinkedHashMap<>();
    private static UUID cnDisclosureId;
    private static UUID euDraftId;

    static List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (String service : SystemEnvironment.SERVICES) {
            all.addAll(OpenApiOperations.read(service, contract(service)));
        }
        return all;
    }

    @BeforeAll
    static void recordsToPointAt() {
        storyRecords();
        if (Story.euDisclosureId == null) {
            Story.euDisclosureId = publishedDisclosure("EU");
        }
        cnDisclosureId = publishedDisclosure("CN");
        euDraftId = draftDisclosure("EU");
    }

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersAsItsDocumentedRolesSay() {
        List<Operation> operations = operations();
        assertFalse(operations.isEmpty());
        List<Identity> identities = env().realm().matrixIdentities();
        return operations.stream().map(op -> {
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(dynamicTest("no token", () -> expectUnauthenticated(op, send(op, "none", null), false)));
            cases.add(dynamicTest("expired token", () -> expectUnauthenticated(op,
                    send(op, "expired", env().expiredToken()), true)));
            cases.add(dynamicTest("token of another issuer", () -> expectUnauthenticated(op,
                    send(op, "other issuer", env().otherIssuerToken()), true)));
            cases.add(dynamicTest("token for another audience", () -> expectUnauthenticated(op,
                    send(op, "other audience", env().otherAudienceToken()), true)));
            cases.add(dynamicTest("valid token holding every role (control)", () -> expectAllowed(op,
                    send(op, "all roles", env().allRolesToken()), "all-roles")));
            for (Identity identity : identities) {
                boolean allowed = op.allows(identity);
                cases.add(dynamicTest(identity.name() + " " + identity.roles() + (allowed ? " allowed" : " refused"),
                        () -> {
                            Response response = send(op, identity.name(), env().token(identity.name()));
                            if (allowed) {
                                expectAllowed(op, response, identity.name());
                            } else {
                                expectStatus(op, response, 403, identity.name());
                            }
                        }));
            }
            String roles = op.isPublic() ? "public" : String.join(", ", op.roles());
            return dynamicContainer(op.id() + " [" + roles + "]", cases);
        });
    }

    @Test
    void aRegulatorNeverSeesAnotherJurisdictionsDisclosures() {
        List<Operation> reads = operations().stream().filter(o -> o.service().equals(DISCLOSURE)
                && o.method().equals("GET") && o.path().startsWith("/api/v1/disclosures/{id}")).toList();
        assertFalse(reads.isEmpty());
        for (Operation read : reads) {
            String path = read.path();
            expectStatusAt("regina", path, Story.euDisclosureId, 200);
            expectStatusAt("chen", path, cnDisclosureId, 200);
            expectStatusAt("regina", path, cnDisclosureId, 404);
            expectStatusAt("chen", path, Story.euDisclosureId, 404);
            expectStatusAt("regina", path, euDraftId, 404);
        }
        assertEquals(Set.of("EU"), jurisdictionsListedFor("regina", null));
        assertEquals(Set.of("CN"), jurisdictionsListedFor("chen", null));
        assertFalse(jurisdictionsListedFor("regina", "CN").contains("CN"));
        assertFalse(jurisdictionsListedFor("chen", "EU").contains("EU"));
        assertFalse(idsListedFor("regina").contains(euDraftId.toString()), "a draft is not for regulators");
    }

    // ---- requests

    @AfterAll
    static void writeWhatWasObserved() {
        StringBuilder table = new StringBuilder("# Authorization matrix as observed\n\n")
                .append("Generated by AuthorizationMatrixIT from the committed OpenAPI documents: the status each ")
                .append("operation answered to each caller.\n\n| operation | roles | ")
                .append(String.join(" | ", COLUMNS)).append(" |\n|---|---|")
                .append("---|".repeat(COLUMNS.size())).append('\n');
        synchronized (observed) {
            observed.forEach((op, row) -> {
                table.append("| ").append(op.service()).append(' ').append(op.method()).append(' ').append(op.path())
                        .append(" | ").append(op.isPublic() ? "public" : String.join(", ", op.roles())).append(" |");
                COLUMNS.forEach(c -> table.append(' ').append(row.getOrDefault(c, 0) == 0 ? "" : row.get(c))
                        .append(" |"));
                table.append('\n');
            });
        }
        write(env().dir().resolve("authorization-matrix.md"), table.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Response send(Operation op, String column, String token) {
        Response response = send(op, token);
        synchronized (observed) {
            if (!COLUMNS.contains(column)) {
                COLUMNS.add(column);
            }
            observed.computeIfAbsent(op, o -> new LinkedHashMap<>()).put(column, response.statusCode());
        }
        return response;
    }

    /** One request for the operation: real ids where it reads, random ones where it writes, an empty JSON body. */
    private static Response send(Operation op, String token) {
        String service = op.service();
        RequestSpecification request = token == null ? anonymous(service) : bearer(token, service);
        request.accept("application/json, application/problem+json, text/plain, */*");
        String path = op.path();
        boolean reads = op.method().equals("GET") || op.method().equals("HEAD");
        for (Parameter p : op.parameters()) {
            if (p.in().equals("path")) {
                path = path.replace("{" + p.name() + "}", pathValue(op, p, reads));
            }
        }
        for (Parameter p : op.required("query")) {
            request.queryParam(p.name(), sample(p));
        }
        for (Parameter p : op.required("header")) {
            request.header(p.name(), p.name().equalsIgnoreCase("If-Match") ? "\"1\"" : sample(p));
        }
        if (op.hasBody()) {
            request.body("{}");
        }
        return request.request(op.method(), path);
    }

    private static String pathValue(Operation op, Parameter p, boolean reads) {
        String path = op.path();
        if (p.type().equals("integer")) {
            if (p.name().equals("seq")) {
                synchronized (Story.gatewaySeqs) {
                    return String.valueOf(Story.gatewaySeqs.isEmpty() ? 0 : Story.gatewaySeqs.get(0));
                }
            }
            return "1";
        }
        if (!reads) {
            // never change a real record: writes go to ids that do not exist (allowed roles get 400/404)
            return UUID.randomUUID().toString();
        }
        UUID known = switch (op.service()) {
            case PARTNERSHIP -> path.startsWith("/api/v1/partners/") ? Story.partnerId : Story.partnershipId;
            case DISCLOSURE -> Story.euDisclosureId;
            default -> null;
        };
        return (known == null ? UUID.randomUUID() : known).toString();
    }

    private static Object sample(Parameter p) {
        if (p.type().equals("integer")) {
            return 0;
        }
        if (p.format().equals("uuid")) {
            return Story.partnershipId;
        }
        if (p.format().equals("date-time")) {
            // a window around now: 'from' a day back, anything else a day ahead
            return Instant.now().plus(p.name().equals("from") ? -1 : 1, ChronoUnit.DAYS).toString();
        }
        if (p.format().equals("date")) {
            return LocalDate.now(ZoneOffset.UTC).toString();
        }
        return "x";
    }

    // ---- expectations

    private static void expectUnauthenticated(Operation op, Response response, boolean presentedToken) {
        int status = response.statusCode();
        if (op.isPublic()) {
            // public: no token needed; a token that is not valid may still be refused, never with 403
            assertTrue(status < 500 && status != 403 && (presentedToken || status != 401),
                    op + " is public but answered " + status + ": " + response.asString());
            return;
        }
        expectStatus(op, response, 401, presentedToken ? "an invalid token" : "no token");
    }

    private static void expectAllowed(Operation op, Response response, String who) {
        int status = response.statusCode();
        assertTrue(status != 401 && status != 403 && status < 500, op + " as " + who + " (roles "
                + (op.isPublic() ? "public" : op.roles()) + ") answered " + status + ": " + response.asString());
    }

    private static void expectStatus(Operation op, Response response, int expected, String who) {
        assertEquals(expected, response.statusCode(), op + " as " + who + ": " + response.asString());
        String contentType = response.contentType();
        assertTrue(contentType != null && contentType.startsWith("application/problem+json"),
                op + " as " + who + ": a " + expected + " is a problem, not " + contentType);
        assertEquals(expected, response.jsonPath().getInt("status"));
    }

    private static void expectStatusAt(String who, String template, UUID id, int status) {
        String path = template.replace("{id}", id.toString());
        Response response = as(who, DISCLOSURE).accept("*/*").get(path);
        assertEquals(status, response.statusCode(), who + " GET " + path + ": " + response.asString());
    }

    private static Set<String> jurisdictionsListedFor(String who, String jurisdiction) {
        RequestSpecification request = as(who, DISCLOSURE);
        if (jurisdiction != null) {
            request.queryParam("jurisdiction", jurisdiction);
        }
        Response response = request.get("/api/v1/disclosures");
        Set<String> seen = new TreeSet<>();
        if (response.statusCode() == 200) {
            items(json(response.asString())).forEach(i -> {
                seen.add(i.path("jurisdiction").asText());
                assertEquals("PUBLISHED", i.path("status").asText(), who + " sees only published disclosures: " + i);
            });
        } else {
            assertNotEquals(500, response.statusCode(), response.asString());
        }
        return seen;
    }

    private static Set<String> idsListedFor(String who) {
        Set<String> ids = new TreeSet<>();
        items(json(as(who, DISCLOSURE).get("/api/v1/disclosures").then().statusCode(200).extract().asString()))
                .forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static JsonNode items(JsonNode list) {
        return list.isArray() ? list : list.path("items");
    }

}
