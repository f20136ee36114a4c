package dev.sightline.witness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.SignedNote;
import dev.sightline.verifier.witness.AddCheckpointRequest;
import dev.sightline.verifier.witness.Witness;
import dev.sightline.verifier.witness.WitnessOutcome;
import dev.sightline.witness.TestLogs.TestLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestLogs.class, restrictToAnnotatedClass = true)
class AddCheckpointTest {

    private static Response add(String body) {
        return given().body(body.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/add-checkpoint");
    }

    private static CosignatureVerifier witnessKey() {
        String vkey = given().when().get("/api/v1/key").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        return CosignatureVerifier.parse(vkey.strip());
    }

    @Test
    void cosignsAFirstCheckpointThenAConsistentOne() {
        TestLog log = new TestLog(0).append(5);
        String lines = add(log.body(0, 5)).then().statusCode(200).contentType(containsString("text/plain"))
                .body(startsWith("\u2014 witness.sightline.example/w1 ")).extract().asString();
        SignedNote cosigned = SignedNote.open(log.note(5, TestLogs.KEY) + lines, TestLogs.KEY.verifier());
        CosignatureVerifier key = witnessKey();
        long now = System.currentTimeMillis() / 1000;
        long at = key.verify(cosigned).timestamp();
        assertTrue(Math.abs(now - at) < 60, "cosigned at " + at);

        log.append(20);
        String next = add(log.body(5, 25)).then().statusCode(200).extract().asString();
        key.verify(SignedNote.open(log.note(25, TestLogs.KEY) + next, TestLogs.KEY.verifier()));
        given().when().get("/api/v1/logs").then().statusCode(200)
                .body("find { it.origin == 'log.example/t0' }.size", equalTo(25))
                .body("find { it.origin == 'log.example/t0' }.root",
                        equalTo(Base64.getEncoder().encodeToString(log.root(25))));
    }

    @Test
    void servesTheLatestCheckpointItCosignedOfALogCosignedNow() {
        TestLog log = new TestLog(7).append(6);
        given().when().get("/api/v1/logs/" + log.origin + "/checkpoint").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(log.origin));
        add(log.body(0, 6)).then().statusCode(200);
        log.append(4);
        add(log.body(6, 10)).then().statusCode(200);

        String note = given().when().get("/api/v1/logs/" + log.origin + "/checkpoint").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertTrue(note.startsWith(log.note(10, TestLogs.KEY)), note);
        SignedNote opened = SignedNote.open(note, TestLogs.KEY.verifier());
        assertEquals(10, Checkpoint.parse(opened.text()).size());
        long at = witnessKey().verify(opened).timestamp();
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - at) < 60, "cosigned at " + at);
        given().when().get("/api/v1/logs/unknown.example/log/checkpoint").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void answersAStaleOldSizeWithTheSizeItKnows() {
        TestLog log = new TestLog(1).append(7);
        add(log.body(0, 7)).then().statusCode(200);
        log.append(3);
        add(log.body(0, 10)).then().statusCode(409)
                .contentType(startsWith("text/x.tlog.size"))
                .body(equalTo("7\n"));
        // the client retries from the size it was told
        add(log.body(7, 10)).then().statusCode(200);
    }

    @Test
    void refusesAProofThatDoesNotVerify() {
        TestLog log = new TestLog(2).append(4);
        add(log.body(0, 4)).then().statusCode(200);
        log.append(4);
        AddCheckpointRequest good = log.request(4, 8, TestLogs.KEY);
        List<byte[]> bad = new ArrayList<>(good.proof());
        bad.set(bad.size() - 1, new byte[32]);
        add(new AddCheckpointRequest(4, bad, good.note()).toBody()).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("consistency proof from size 4 to 8"));
        add(log.body(4, 8)).then().statusCode(200);
    }

    @Test
    void refusesACheckpointNotSignedByATrustedKeyAndAnUnknownOrigin() {
        TestLog log = new TestLog(3).append(2);
        NoteSigner stranger = NoteSigner.generate("log.example");
        add(log.request(0, 2, stranger).toBody()).then().statusCode(403)
                .contentType("application/problem+json");
        NoteSigner other = NoteSigner.generate("other.example/log");
        String note = new Checkpoint("other.example/log", 2, log.root(2)).sign(other);
        add(new AddCheckpointRequest(0, List.of(), note).toBody()).then().statusCode(404)
                .contentType("application/problem+json");
        add(log.body(0, 2)).then().statusCode(200);
    }

    @Test
    void refusesMalformedBodiesAndAnOldSizeAboveTheCheckpoint() {
        TestLog log = new TestLog(4).append(3);
        add("old 0\n").then().statusCode(400).contentType("application/problem+json");
        add("old 01\n\n" + log.note(3, TestLogs.KEY)).then().statusCode(400);
        add("old 0\n\nnot a note\n").then().statusCode(400);
        add("old 9\n\n" + log.note(3, TestLogs.KEY)).then().statusCode(400)
                .body("detail", containsString("above the checkpoint's size"));
        given().when().post("/api/v1/add-checkpoint").then().statusCode(400);
    }

    @Test
    void keepsItsStateAcrossARestart() {
        TestLog log = new TestLog(5).append(9);
        add(log.body(0, 9)).then().statusCode(200);
        // a second witness on the same state file, as after a restart, knows the log at size 9
        Witness restarted = new Witness(CosignatureSigner.generate("witness.example/restarted"),
                Map.of(log.origin, List.of(TestLogs.KEY.verifier())), new StateFile(TestLogs.stateFile),
                Clock.systemUTC());
        WitnessOutcome.SizeMismatch known = assertInstanceOf(WitnessOutcome.SizeMismatch.class,
                restarted.add(log.body(0, 9)));
        assertEquals(9, known.size());
        log.append(1);
        assertInstanceOf(WitnessOutcome.Cosigned.class, restarted.add(log.body(9, 10)));
    }

    @Test
    void serialisesConcurrentSubmissionsForOneLog() throws Exception {
        TestLog log = new TestLog(6).append(40);
        add(log.body(0, 1)).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int size = 2; size <= 40; size++) {
                String body = log.body(1, size);
                answers.add(pool.submit(() -> add(body).statusCode()));
            }
            int cosigned = 0;
            int conflicts = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                cosigned += status == 200 ? 1 : 0;
                conflicts += status == 409 ? 1 : 0;
            }
            assertEquals(1, cosigned);
            assertEquals(38, conflicts);
        } finally {
            pool.shutdownNow();
        }
    }
}
