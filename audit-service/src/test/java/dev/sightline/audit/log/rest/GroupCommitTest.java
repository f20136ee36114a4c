package dev.sightline.audit.log.rest;

import static dev.sightline.audit.Fixtures.count;
import static dev.sightline.audit.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests share one transaction (group commit); one bad event among them must not fail the others.
 * What the validator knows the database would refuse never reaches the writer; what the database refuses anyway
 * (here: a trigger the test adds) fails only the request that carries it, with a 400.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "assistant-gateway", roles = { "audit-writer", "auditor" })
class GroupCommitTest {
    private static final int GOOD = 90;
    private static final String REFUSED_ACTOR = "refused-by-the-database";

    @Test
    void eventsTheValidatorRefusesDoNotHurtTheirGroup() throws Exception {
        List<String> bad = List.of(
                event().put("occurredAt", "+1000000000-01-01T00:00:00Z").toString(),
                event().toString().replace("nimbus-llm-gateway", "gateway\\u0000"),
                event().toString().replace("nimbus-llm-gateway", "gateway\\ud800"),
                event().put("subjectRef", "JaneDoe1985").toString());
        appendConcurrently(bad);
    }

    @Test
    void anEventTheDatabaseRefusesFailsAloneWhileTheRestOfItsGroupIsStored() throws Exception {
        try (Connection owner = Fixtures.superuser(); Statement sql = owner.createStatement()) {
            sql.execute("CREATE OR REPLACE FUNCTION audit.refuse_marked_actor() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.actor_id = '" + REFUSED_ACTOR + "' THEN RAISE EXCEPTION 'refused by the test' "
                    + "USING ERRCODE = '22023'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            sql.execute("CREATE TRIGGER refuse_marked_actor BEFORE INSERT ON audit.log_entry FOR EACH ROW "
                    + "EXECUTE FUNCTION audit.refuse_marked_actor()");
        }
        try {
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                bad.add(event().toString().replace("nimbus-llm-gateway", REFUSED_ACTOR));
            }
            appendConcurrently(bad);
        } finally {
            try (Connection owner = Fixtures.superuser(); Statement sql = owner.createStatement()) {
                sql.execute("DROP TRIGGER refuse_marked_actor ON audit.log_entry");
                sql.execute("DROP FUNCTION audit.refuse_marked_actor()");
            }
        }
    }

    /** Posts {@value #GOOD} valid events and the bad ones at once: every good one is stored, every bad one a 400. */
    private static void appendConcurrently(List<String> bad) throws Exception {
        List<ObjectNode> good = Fixtures.events(GOOD);
        List<Callable<Integer>> posts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        good.forEach(e -> posts.add(post(e.toString(), start)));
        for (int i = 0; i < bad.size(); i++) {
            // spread the bad ones among the good ones, so they land in shared groups
            posts.add(i * GOOD / bad.size(), post(bad.get(i), start));
        }
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            posts.forEach(p -> statuses.add(pool.submit(p)));
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<Integer> status : statuses) {
                switch (status.get()) {
                    case 201 -> created++;
                    case 400 -> refused++;
                    default -> throw new AssertionError("unexpected status " + status.get());
                }
            }
            assertEquals(GOOD, created);
            assertEquals(bad.size(), refused);
        } finally {
            pool.shutdownNow();
        }
        StringBuilder ids = new StringBuilder();
        good.forEach(e -> ids.append(ids.length() == 0 ? "" : ",").append('\'').append(e.get("eventId").asText())
                .append('\''));
        assertEquals(GOOD, count("SELECT count(*) FROM audit.log_entry WHERE event_id IN (" + ids + ")"));
        assertEquals(0, count("SELECT count(*) FROM audit.log_entry WHERE actor_id = '" + REFUSED_ACTOR + "'"));
    }

    private static Callable<Integer> post(String body, CountDownLatch start) {
        return () -> {
            start.await();
            return given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/events")
                    .then().extract().statusCode();
        };
    }
}
