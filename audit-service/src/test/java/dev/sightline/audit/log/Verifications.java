package dev.sightline.audit.log;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Runs a verification over HTTP, as a client does: POST, then follow Location until the run is done. */
public final class Verifications {
    private Verifications() {
    }

    /** The result of a run over the stored log alone. */
    public static JsonPath run() {
        return run(List.of());
    }

    /** The result of a run that also checks {@code knownCheckpoints} (signed notes). */
    public static JsonPath run(List<String> knownCheckpoints) {
        long deadline = System.currentTimeMillis() + 60_000;
        Response started = start(knownCheckpoints);
        // one run at a time: another test's run may still be going
        while (started.statusCode() == 409 && System.currentTimeMillis() < deadline) {
            pause();
            started = start(knownCheckpoints);
        }
        if (started.statusCode() != 202) {
            throw new AssertionError("POST /api/v1/verifications answered " + started.statusCode() + ": "
                    + started.asString());
        }
        started.then().header("Location", matchesPattern(".*/api/v1/verifications/[0-9a-f-]{36}$"));
        return await(started.getHeader("Location")).setRootPath("result");
    }

    /** Polls the run at {@code location} until it is DONE (failing on FAILED or after 60 s) and returns it. */
    public static JsonPath await(String location) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath job = given().when().get(location).then().statusCode(200).contentType(ContentType.JSON)
                    .extract().jsonPath();
            String state = job.getString("state");
            if (state.equals("DONE")) {
                return job;
            }
            if (state.equals("FAILED") || System.currentTimeMillis() > deadline) {
                throw new AssertionError("verification " + location + " did not finish: " + job.prettify());
            }
            pause();
        }
    }

    private static Response start(List<String> knownCheckpoints) {
        return given().contentType(ContentType.JSON).body(Map.of("knownCheckpoints", knownCheckpoints))
                .when().post("/api/v1/verifications");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
