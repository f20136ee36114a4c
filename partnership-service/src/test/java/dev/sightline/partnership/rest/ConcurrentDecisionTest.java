package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.partnerBody;
import static dev.sightline.partnership.Fixtures.reference;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.partnership.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.SignedTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two managers decide on the same partnership at the same moment, each with the ETag it read and its own signed
 * token: exactly one decision is stored, the other caller gets the documented 412 problem, and the revision history
 * shows one change.
 */
@QuarkusTest
@TestProfile(ConcurrentDecisionTest.RealTokens.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class ConcurrentDecisionTest {
    private static final String PARTNERSHIPS = "/api/v1/partnerships";
    private static final String MANAGER = "partnership-manager";
    private static final ExecutorService CALLERS = Executors.newFixedThreadPool(2);

    public static class RealTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return SignedTokens.oidcConfig();
        }
    }

    @AfterAll
    static void stopCallers() {
        CALLERS.shutdownNow();
    }

    @Test
    void twoApproversAtOnceStoreOneApproval() throws Exception {
        String id = underReview();
        race(id, new Decision("bob", "APPROVED"), new Decision("erin", "APPROVED"));
    }

    @Test
    void anApprovalAndASendBackAtOnceStoreOneOfThem() throws Exception {
        String id = underReview();
        race(id, new Decision("bob", "APPROVED"), new Decision("carol", "DRAFT"));
    }

    private record Decision(String user, String to) {
    }

    /** Both decisions with If-Match "2", released together; checks that exactly one of them took. */
    private static void race(String id, Decision first, Decision second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Response>> answers = new ArrayList<>();
        for (Decision decision : List.of(first, second)) {
            answers.add(CALLERS.submit(() -> {
                var request = given().header("Authorization", SignedTokens.bearer(decision.user(), MANAGER))
                        .contentType(ContentType.JSON).header("If-Match", "\"2\"")
                        .body("{\"to\": \"" + decision.to() + "\", \"reason\": \"Decided by " + decision.user()
                                + "\"}");
                start.await();
                return request.post(PARTNERSHIPS + "/" + id + "/transitions");
            }));
        }
        Response a = answers.get(0).get();
        Response b = answers.get(1).get();
        List<Integer> statuses = List.of(a.statusCode(), b.statusCode());
        assertEquals(List.of(200, 412), statuses.stream().sorted().toList(),
                "answers: " + a.asString() + " / " + b.asString());
        Response won = a.statusCode() == 200 ? a : b;
        Response lost = a.statusCode() == 200 ? b : a;
        Decision winner = a.statusCode() == 200 ? first : second;
        won.then().header("ETag", equalTo("\"3\"")).body("status", equalTo(winner.to()))
                .body("lastTransition.actor", equalTo(winner.user()));
        lost.then().contentType("application/problem+json").body("status", equalTo(412))
                .body("type", equalTo("https://sightline.example/problems/precondition-failed"))
                .body("detail", containsString("its ETag is now \"3\""));

        given().header("Authorization", SignedTokens.bearer("ivan", "partnership-viewer"))
                .get(PARTNERSHIPS + "/" + id + "/revisions").then().statusCode(200)
                .body("items.kind", contains("CREATED", "TRANSITIONED", "TRANSITIONED"))
                .body("items[2].actor", equalTo(winner.user()))
                .body("items[2].reason", equalTo("Decided by " + winner.user()));
        assertEquals(3, Fixtures.count("SELECT count(*) FROM partnership.partnership_revision WHERE partnership_id = ?",
                UUID.fromString(id)));
    }

    /** Created and submitted by alice: revision 2, UNDER_REVIEW, for anyone but alice to decide on. */
    private static String underReview() {
        String alice = SignedTokens.bearer("alice", MANAGER);
        String partnerId = given().header("Authorization", alice).contentType(ContentType.JSON)
                .body(partnerBody("Partner " + UUID.randomUUID(), "CN")).post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
        String id = given().header("Authorization", alice).contentType(ContentType.JSON)
                .body(activatable(reference(), partnerId)).post(PARTNERSHIPS)
                .then().statusCode(201).header("ETag", equalTo("\"1\"")).extract().path("id");
        given().header("Authorization", alice).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"ready\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions")
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
        return id;
    }
}
