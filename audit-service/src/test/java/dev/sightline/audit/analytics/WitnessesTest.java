package dev.sightline.audit.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.audit.Fixtures;
import dev.sightline.audit.TestWitnesses;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.NoteVerifier;
import dev.sightline.verifier.note.SignedNote;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The log asks its witnesses to cosign each new checkpoint (two in-test witnesses running the C2SP tlog-witness
 * logic over HTTP, a third configured where nothing listens, quorum 2): cosignatures are verified, stored and served
 * with the note; the witness that is down holds nothing up and is reported; the figures cite only checkpoints the
 * quorum cosigned.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@WithTestResource(value = PartnershipServiceStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TestWitnesses.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "ivan", roles = { "audit-writer", "auditor" })
class WitnessesTest {

    @PartnershipServiceStub.Server
    WireMockServer partnershipService;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private static long appendAndSign(List<ObjectNode> events) {
        Fixtures.append(events);
        return given().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath().getLong("size");
    }

    private static NoteVerifier logKey() {
        return NoteVerifier.parse(given().get("/api/v1/keys").then().statusCode(200).extract().jsonPath()
                .getString("keys.find { it.status == 'ACTIVE' }.noteKey"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private static int cosignaturesAt(long size) {
        return given().queryParam("size", size).get("/api/v1/checkpoints").then().statusCode(200)
                .extract().jsonPath().getList("[0].cosignatures").size();
    }

    @Test
    void storesVerifiedCosignaturesAndServesThemWithTheNote() throws Exception {
        long size = appendAndSign(Fixtures.events(5));
        await("both witnesses' cosignatures of checkpoint " + size + " are stored", () -> cosignaturesAt(size) == 2);

        JsonPath stored = given().queryParam("size", size).get("/api/v1/checkpoints").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("a", "b"), stored.getList("[0].cosignatures.witness", String.class));
        assertEquals(List.of(TestWitnesses.A.key().name(), TestWitnesses.B.key().name()),
                stored.getList("[0].cosignatures.keyName", String.class));
        SignedNote note = SignedNote.open(stored.getString("[0].note"), logKey());
        assertEquals(size, Checkpoint.parse(note.text()).size());
        TestWitnesses.A.key().verify(note);
        TestWitnesses.B.key().verify(note);
        try {
            TestWitnesses.C_KEY.verify(note);
            throw new AssertionError("the witness that is down cannot have cosigned");
        } catch (NoteException expected) {
            assertEquals(NoteException.Reason.NO_KNOWN_SIGNATURE, expected.reason());
        }

        // the plain note, whatever the Accept header, and the newest checkpoint as text and JSON
        await("the newest checkpoint is cosigned", () -> given().accept("application/json")
                .get("/api/v1/checkpoints/latest").then().extract().jsonPath().getList("cosignatures").size() == 2);
        String plain = given().accept("application/json").get("/api/v1/checkpoint").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        TestWitnesses.A.key().verify(SignedNote.open(plain, logKey()));
        TestWitnesses.B.key().verify(SignedNote.open(plain, logKey()));
        given().get("/api/v1/checkpoint").then().statusCode(200).contentType(containsString("text/plain"));
        String text = given().accept("text/plain").get("/api/v1/checkpoints/latest").then().statusCode(200)
                .extract().asString();
        assertEquals(plain, text);
    }

    @Test
    void aWitnessThatIsDownHoldsNothingUpAndIsReported() throws Exception {
        long before = System.nanoTime();
        long size = appendAndSign(Fixtures.events(20));
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "appending and signing did not wait for witness c");
        await("both live witnesses cosign " + size, () -> TestWitnesses.A.cosignedSize() >= size
                && TestWitnesses.B.cosignedSize() >= size);

        await("witness c is reported down", () -> given().get("/q/health/group/witnesses").then().extract()
                .jsonPath().getString("checks[0].data.c").contains("DOWN"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/group/witnesses").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.quorum", equalTo(2))
                .body("checks[0].data.a", containsString("UP"))
                .body("checks[0].data.c", containsString("DOWN"))
                .body("checks[0].data.c", containsString("no answer"));
        await("metrics report witness c down", () -> {
            String text = given().get(metrics).then().statusCode(200).extract().asString();
            return text.contains("sightline_witness_up{witness=\"c\"} 0.0")
                    && text.contains("sightline_witness_up{witness=\"a\"} 1.0")
                    && text.contains("sightline_witness_requests_total{outcome=\"failed\",witness=\"c\"}");
        });
    }

    @Test
    void figuresCiteOnlyCheckpointsTheQuorumCosigned() throws Exception {
        UUID id = UUID.randomUUID();
        partnershipService.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + id + "/policy"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(PartnershipServiceStub.policy(id, 1, "2026-01-01T00:00:00Z", null, "[\"ON_DEVICE\"]", false,
                                "[\"DE\"]"))));
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode event = Fixtures.event();
            event.put("partnershipId", id.toString());
            event.put("occurredAt", "2026-04-1" + i + "T10:00:00Z");
            events.add(event);
        }
        long cosigned = appendAndSign(events);
        await("the figures cite checkpoint " + cosigned, () -> figuresCheckpoint(id) >= cosigned);

        TestWitnesses.B.refuse(true);
        try {
            long onlyA = appendAndSign(Fixtures.events(4));
            await("witness a cosigns " + onlyA, () -> TestWitnesses.A.cosignedSize() >= onlyA);
            await("its cosignature is stored", () -> cosignaturesAt(onlyA) == 1);
            Thread.sleep(1000); // ten passes of the analytics worker
            long cited = figuresCheckpoint(id);
            assertTrue(cited >= cosigned && cited < onlyA, "figures at " + cited + ", which two witnesses cosigned, "
                    + "not at " + onlyA + ", which only one did");

            TestWitnesses.B.refuse(false);
            await("the figures cite checkpoint " + onlyA + " once b cosigned it too",
                    () -> figuresCheckpoint(id) >= onlyA);
        } finally {
            TestWitnesses.B.refuse(false);
        }
    }

    private static long figuresCheckpoint(UUID id) {
        Response response = given().queryParam("partnershipId", id.toString()).queryParam("from", "2026-04-01T00:00:00Z")
                .queryParam("to", "2026-05-01T00:00:00Z").get("/api/v1/figures");
        return response.statusCode() == 200 ? response.jsonPath().getLong("checkpoint.size") : -1;
    }
}
