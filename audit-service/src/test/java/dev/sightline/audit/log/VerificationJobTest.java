package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.merkle.MerkleFrontier;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verification as a job: queued, followed, one at a time, continued after a restart with what it had read. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
class VerificationJobTest {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void aRunIsQueuedFollowedAtItsLocationAndDone() {
        Fixtures.append(Fixtures.events(30));
        long size = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
        Response started = given().contentType("application/json").body("{}").when().post("/api/v1/verifications");
        started.then().statusCode(202).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("requestedBy", equalTo("ivan"))
                .body("progress.checked", notNullValue());
        JsonPath job = Verifications.await(started.getHeader("Location"));
        assertEquals("DONE", job.getString("state"));
        assertNotNull(job.get("startedAt"));
        assertNotNull(job.get("finishedAt"));
        assertTrue(job.getLong("progress.total") >= size);
        assertEquals(job.getLong("progress.total"), job.getLong("progress.checked"));
        assertTrue(job.getLong("progress.ratePerSecond") >= 0);
        assertEquals(true, job.getBoolean("result.ok"));
        assertEquals(job.getLong("progress.total"), job.getLong("result.verifiedSize"));
    }

    @Test
    void onlyOneRunAtATimeTheSecondIsRefusedNamingTheFirst() throws Exception {
        Verifications.run(); // none left running by another test
        String first;
        try (Connection runner = holdRunnerLock()) {
            first = given().contentType("application/json").body("{}").when().post("/api/v1/verifications").then().statusCode(202).extract().header("Location");
            given().when().get(first).then().statusCode(200).body("state", equalTo("QUEUED"));
            given().contentType("application/json").body("{}").when().post("/api/v1/verifications")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString(first.substring(first.indexOf("/api/v1/verifications/"))));
        }
        assertEquals(true, Verifications.await(first).getBoolean("result.ok"));
    }

    @Test
    void aRunARestartInterruptedContinuesFromItsLastPersistedPosition() throws Exception {
        Fixtures.append(Fixtures.events(40));
        long size = given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
        long position = size / 2;
        UUID id = UUID.randomUUID();
        Verifications.run(); // none left running by another test
        try (Connection runner = holdRunnerLock(); Connection owner = Fixtures.superuser()) {
            // what a replica that stopped mid-run leaves behind: RUNNING, with its state at `position`
            VerificationState state = new VerificationState();
            state.position = position;
            state.frontier = frontier(owner, position);
            state.checkpointsVerified = Fixtures.count("SELECT count(*) FROM audit.checkpoint WHERE tree_size <= "
                    + position);
            state.lastGoodHead = Fixtures.count("SELECT coalesce(max(tree_size), 0) FROM audit.checkpoint "
                    + "WHERE tree_size <= " + position);
            state.lastStoredHead = state.lastGoodHead;
            // what a witness held when the run started: a continued run compares the same checkpoint
            String held = given().queryParam("size", size).get("/api/v1/checkpoints").then().statusCode(200)
                    .extract().jsonPath().getString("[0].note");
            state.witnesses = List.of(new Witnesses.Held("a", held, null), new Witnesses.Held("b", null,
                    "it has cosigned no checkpoint of this log"));
            try (PreparedStatement insert = owner.prepareStatement("INSERT INTO audit.verification_job (id, state, "
                    + "requested_by, requested_at, known_checkpoints, started_at, resumed_at, resumed_from, total, "
                    + "checked, progress) "
                    + "VALUES (?, 'RUNNING', 'ivan', now(), '{}', now(), now(), 0, ?, ?, ?::jsonb)")) {
                insert.setObject(1, id);
                insert.setLong(2, size);
                insert.setLong(3, position);
                insert.setString(4, JSON.writeValueAsString(state));
                insert.executeUpdate();
            }
        }
        JsonPath job = Verifications.await("/api/v1/verifications/" + id);
        assertEquals(position, job.getLong("resumedFrom"));
        assertEquals(true, job.getBoolean("result.ok"), job.prettify());
        assertEquals(size, job.getLong("result.verifiedSize"));
        assertEquals(Fixtures.count("SELECT count(*) FROM audit.checkpoint WHERE tree_size <= " + size),
                job.getLong("result.checkpointsVerified"));
        assertEquals(1, job.getLong("result.knownCheckpointsVerified"), "witness a's checkpoint, kept with the run");
        assertEquals(size, job.getLong("result.witnesses.find { it.witness == 'a' }.size"));
        assertEquals("it has cosigned no checkpoint of this log",
                job.getString("result.witnesses.find { it.witness == 'b' }.problem"));
    }

    @Test
    void aKnownCheckpointThatIsNotThisLogsSignedNoteIsRefusedNamingIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("knownCheckpoints", List.of("sightline.example/audit-log\n1\n")))
                .when().post("/api/v1/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("knownCheckpoints[0]"));
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().when().get("/api/v1/verifications/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/verifications/1-2-3-4-5").then().statusCode(404);
    }

    /** Takes the runner's lock as another replica would, so that no run starts until it is closed. */
    private static Connection holdRunnerLock() throws Exception {
        Connection connection = Fixtures.superuser();
        try (Statement statement = connection.createStatement()) {
            // a run of another test may hold it for a moment
            statement.execute("SELECT pg_advisory_lock(" + VerificationJobs.RUNNER_LOCK + ")");
        }
        return connection;
    }

    private static List<String> frontier(Connection owner, long size) throws Exception {
        MerkleFrontier frontier = new MerkleFrontier();
        try (PreparedStatement query = owner.prepareStatement(
                "SELECT leaf_hash FROM audit.log_entry WHERE seq < ? ORDER BY seq")) {
            query.setLong(1, size);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    frontier.append(rows.getBytes(1));
                }
            }
        }
        return frontier.subtrees().stream().map(s -> Base64.getEncoder().encodeToString(s.hash())).toList();
    }
}
