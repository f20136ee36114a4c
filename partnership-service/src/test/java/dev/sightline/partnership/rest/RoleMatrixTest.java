package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.auditEvents;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static dev.sightline.partnership.Fixtures.partnerBody;
import static dev.sightline.partnership.Fixtures.reference;
import static dev.sightline.partnership.Fixtures.transition;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.partnership.Identities;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every endpoint against every realm role: allowed → 2xx, any other role → 403, no token → 401. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class RoleMatrixTest {
    private static final String MANAGER = "partnership-manager";
    private static final Set<String> READERS = Set.of(MANAGER, "partnership-viewer", "auditor");
    private static final Set<String> WRITERS = Set.of(MANAGER);
    private static final List<String> ALL_ROLES = List.of(MANAGER, "partnership-viewer", "auditor", "audit-writer",
            "disclosure-author", "disclosure-publisher", "regulator");

    record Endpoint(String name, Set<String> allowed, Supplier<Response> call) {
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void everyEndpointAdmitsExactlyItsRoles() {
        String partnerId = createPartner("CN");
        String partnershipId = createPartnership(partnerId);
        String p = "/api/v1/partnerships/" + partnershipId;
        String pending = "/api/v1/partnerships/" + activeWithPendingChange(partnerId) + "/pending-change/decision";
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST /partners", WRITERS, () -> json().body(partnerBody("Matrix " + UUID.randomUUID(), "DE"))
                        .post("/api/v1/partners")),
                new Endpoint("GET /partners", READERS, () -> given().get("/api/v1/partners")),
                new Endpoint("GET /partners/{id}", READERS, () -> given().get("/api/v1/partners/" + partnerId)),
                new Endpoint("PUT /partners/{id}", WRITERS, () -> json()
                        .header("If-Match", etagOr("/api/v1/partners/" + partnerId))
                        .body(partnerBody("Matrix partner " + partnerId, "CN")).put("/api/v1/partners/" + partnerId)),
                new Endpoint("POST /partnerships", WRITERS, () -> json().body(activatable(reference(), partnerId))
                        .post("/api/v1/partnerships")),
                new Endpoint("GET /partnerships", READERS, () -> given().queryParam("limit", 5).get("/api/v1/partnerships")),
                new Endpoint("GET /partnerships/{id}", READERS, () -> given().get(p)),
                new Endpoint("GET /partnerships/{id}?at", READERS, () -> given().queryParam("at", "2099-01-01T00:00:00Z").get(p)),
                new Endpoint("PUT /partnerships/{id}", WRITERS, () -> json().header("If-Match", etagOr(p))
                        .body(activatable("PRT-MATRIX-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                                partnerId))
                        .put(p)),
                new Endpoint("POST /partnerships/{id}/transitions", WRITERS, () -> json()
                        .body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"matrix\"}")
                        .post("/api/v1/partnerships/" + freshDraftOr(partnershipId, partnerId) + "/transitions")),
                new Endpoint("POST /partnerships/{id}/pending-change/decision", WRITERS, () -> json()
                        .body("{\"decision\": \"REJECT\", \"reason\": \"matrix\"}").post(pending)),
                new Endpoint("GET /partnerships/{id}/activation-check", READERS, () -> given().get(p + "/activation-check")),
                new Endpoint("GET /partnerships/{id}/revisions", READERS, () -> given().get(p + "/revisions")),
                new Endpoint("GET /partnerships/{id}/revisions/{n}", READERS, () -> given().get(p + "/revisions/1")),
                new Endpoint("GET /partnerships/{id}/policy", READERS, () -> given().get(p + "/policy")),
                new Endpoint("GET /taxonomy/data-categories", READERS, () -> given().get("/api/v1/taxonomy/data-categories")));

        List<String> wrong = new ArrayList<>();
        for (String role : ALL_ROLES) {
            Identities.actAs("user-with-" + role, role);
            for (Endpoint endpoint : endpoints) {
                Response response = endpoint.call().get();
                int status = response.statusCode();
                boolean allowed = endpoint.allowed().contains(role);
                if (allowed ? status / 100 != 2 : status != 403) {
                    wrong.add(endpoint.name() + " as " + role + ": " + status + " " + response.asString());
                } else if (!allowed && !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(endpoint.name() + " as " + role + ": 403 without a problem body");
                }
            }
        }
        Identities.anonymous();
        for (Endpoint endpoint : endpoints) {
            int status = endpoint.call().get().statusCode();
            if (status != 401) {
                wrong.add(endpoint.name() + " without a token: " + status);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void serviceAccountsAreAuditedAsServices() {
        String id = createPartnership(createPartner("CN"));
        Identities.actAs("service-account-audit-service", "partnership-viewer");
        given().get("/api/v1/partnerships/" + id + "/policy").then().statusCode(200);
        List<List<String>> events = auditEvents(id);
        assertEquals(List.of("READ", "service-account-audit-service", "SERVICE"), events.get(events.size() - 1));
        assertTrue(events.get(0).containsAll(List.of("WRITE", "alice", "USER")));
    }

    /** An ACTIVE partnership (approved by bob) on which alice proposed a change that widens its policy. */
    private static String activeWithPendingChange(String partnerId) {
        String reference = reference();
        String id = json().body(activatable(reference, partnerId)).post("/api/v1/partnerships")
                .then().statusCode(201).extract().path("id");
        transition(id, "UNDER_REVIEW");
        Identities.actAs("bob", MANAGER);
        transition(id, "APPROVED");
        Identities.actAs("alice", MANAGER);
        transition(id, "ACTIVE");
        json().header("If-Match", "\"4\"")
                .body(activatable(reference, partnerId).replace("\"retentionDays\": 30", "\"retentionDays\": 60"))
                .put("/api/v1/partnerships/" + id).then().statusCode(202);
        return id;
    }

    private static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    /** The current ETag when the caller may read it; any tag otherwise (the role check comes first). */
    private static String etagOr(String path) {
        Response read = given().get(path);
        return read.statusCode() == 200 ? read.header("ETag") : "\"0\"";
    }

    /** A fresh DRAFT when the caller may create one, so each allowed transition is a real one. */
    private static String freshDraftOr(String existing, String partnerId) {
        Response created = json().body(activatable(reference(), partnerId)).post("/api/v1/partnerships");
        return created.statusCode() == 201 ? created.path("id") : existing;
    }
}
