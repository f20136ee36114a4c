package dev.sightline.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every endpoint against every role: allowed roles get through, others get 403, no token gets 401. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
class RoleMatrixTest {
    private static final Set<String> PUBLIC = Set.of("*");

    private record Call(String name, Set<String> allowed, Function<RequestSpecification, io.restassured.response.Response> send) {
    }

    private static final List<Call> CALLS = List.of(
            new Call("POST /events", Set.of("audit-writer"),
                    r -> r.contentType(ContentType.JSON).body(Fixtures.event().toString()).post("/api/v1/events")),
            new Call("POST /events/batch", Set.of("audit-writer"),
                    r -> r.contentType(ContentType.JSON).body(Fixtures.batch(Fixtures.events(2)))
                            .post("/api/v1/events/batch")),
            new Call("GET /events/{seq}", Set.of("auditor"), r -> r.get("/api/v1/events/0")),
            new Call("GET /events", Set.of("auditor"), r -> r.get("/api/v1/events")),
            new Call("GET /checkpoints/latest", PUBLIC, r -> r.accept("text/plain").get("/api/v1/checkpoints/latest")),
            new Call("GET /checkpoint", PUBLIC, r -> r.get("/api/v1/checkpoint")),
            new Call("GET /checkpoints", Set.of("auditor", "regulator"), r -> r.get("/api/v1/checkpoints")),
            new Call("POST /checkpoints", Set.of("auditor", "audit-writer"), r -> r.post("/api/v1/checkpoints")),
            new Call("GET /proofs/inclusion", Set.of("auditor", "regulator"),
                    r -> r.queryParam("seq", 0).get("/api/v1/proofs/inclusion")),
            new Call("GET /proofs/consistency", Set.of("auditor", "regulator"),
                    r -> r.queryParam("from", 0).get("/api/v1/proofs/consistency")),
            new Call("GET /keys", PUBLIC, r -> r.get("/api/v1/keys")),
            new Call("POST /verifications", Set.of("auditor"), r -> r.contentType("application/json").body("{}").post("/api/v1/verifications")),
            new Call("GET /verifications/{id}", Set.of("auditor"),
                    r -> r.get("/api/v1/verifications/" + UUID.randomUUID())),
            new Call("GET /stats", Set.of("auditor", "regulator"),
                    r -> r.queryParam("groupBy", "category").get("/api/v1/stats")),
            new Call("GET /thresholds", Set.of("auditor", "regulator"), r -> r.get("/api/v1/thresholds")),
            new Call("GET /authority-requests", Set.of("auditor", "regulator"), r -> r.get("/api/v1/authority-requests")),
            new Call("GET /violations", Set.of("auditor"), r -> r.get("/api/v1/violations")),
            new Call("GET /figures", Set.of("auditor"), r -> r.queryParam("partnershipId", UUID.randomUUID().toString())
                    .queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z")
                    .get("/api/v1/figures")),
            new Call("GET /verdicts/{seq}", Set.of("auditor"), r -> r.get("/api/v1/verdicts/0")),
            new Call("PUT /remediations/{partnershipId}/{kind}", Set.of("auditor"), r -> r.contentType(ContentType.JSON)
                    .body("{\"status\": \"OPEN\", \"text\": \"Under review.\"}")
                    .put("/api/v1/remediations/" + UUID.randomUUID() + "/MODE_NOT_ALLOWED")),
            new Call("GET /remediations", Set.of("auditor", "regulator"), r -> r.get("/api/v1/remediations")),
            new Call("POST /verdicts/rebuild", Set.of("auditor"), r -> r.post("/api/v1/verdicts/rebuild")));

    @Test
    @TestSecurity(user = "assistant-gateway", roles = "audit-writer")
    void auditWriter() {
        check("audit-writer");
    }

    @Test
    @TestSecurity(user = "ivan", roles = "auditor")
    void auditor() {
        check("auditor");
    }

    @Test
    @TestSecurity(user = "regina", roles = "regulator")
    void regulator() {
        check("regulator");
    }

    @Test
    @TestSecurity(user = "alice", roles = { "partnership-manager", "disclosure-author" })
    void partnershipManagerAndAuthor() {
        check("partnership-manager");
    }

    @Test
    @TestSecurity(user = "bob", roles = { "partnership-viewer", "disclosure-publisher" })
    void viewerAndPublisher() {
        check("partnership-viewer");
    }

    @Test
    void noToken() {
        check(null);
    }

    private static void check(String role) {
        for (Call call : CALLS) {
            int status = call.send().apply(given()).statusCode();
            if (call.allowed() == PUBLIC || (role != null && call.allowed().contains(role))) {
                // let through: whatever the answer (an empty log makes some 400 or 404), it is not about the caller
                assertTrue(status != 401 && status != 403 && status < 500, call.name() + " as " + role + " answered "
                        + status);
            } else {
                assertEquals(role == null ? 401 : 403, status, call.name() + " as " + role);
            }
        }
    }
}
