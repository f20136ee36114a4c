package dev.sightline.audit.log.rest;

import static dev.sightline.audit.Fixtures.events;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.audit.Fixtures;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleVerifier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.NoteVerifier;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a client that knows only RFC 9162 and the C2SP formats can check: every entry's leaf hash,
 * its inclusion in a signed checkpoint, the checkpoint's signature by a published key, and the
 * consistency of any two checkpoints.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "audit_app"))
@TestSecurity(user = "ivan", roles = { "auditor", "audit-writer" })
class CheckpointProofTest {

    @Test
    void provesEveryEntryOfASignedCheckpointAndTheCheckpointsConsistency() {
        List<Long> firstSeqs = Fixtures.append(events(37));
        JsonPath older = signNow();
        long oldSize = older.getLong("size");
        assertTrue(oldSize > firstSeqs.get(36), "the checkpoint covers every acknowledged entry");

        List<Long> laterSeqs = Fixtures.append(events(300));
        JsonPath newer = signNow();
        long newSize = newer.getLong("size");
        NoteVerifier key = publishedKey();

        Checkpoint signed = Checkpoint.open(given().accept("text/plain").get("/api/v1/checkpoints/latest")
                .then().statusCode(200).contentType("text/plain").extract().asString(), key);
        assertEquals(newSize, signed.size());
        assertEquals(newer.getString("root"), signed.rootHashBase64());

        for (long seq : List.of(firstSeqs.get(0), firstSeqs.get(36), laterSeqs.get(0), laterSeqs.get(150),
                laterSeqs.get(299), 0L)) {
            assertIncluded(seq, newSize, signed.rootHash());
        }
        assertIncluded(firstSeqs.get(5), oldSize, decode(older.getString("root")));

        JsonPath consistency = given().queryParam("from", oldSize).queryParam("to", newSize)
                .when().get("/api/v1/proofs/consistency")
                .then().statusCode(200)
                .body("from", equalTo((int) oldSize))
                .extract().jsonPath();
        MerkleVerifier.verifyConsistency(oldSize, newSize, decode(older.getString("root")), signed.rootHash(),
                decodeAll(consistency.getList("path", String.class)));
        assertFalse(MerkleVerifier.isConsistencyValid(oldSize, newSize, decode(older.getString("root")),
                decode(older.getString("root")), decodeAll(consistency.getList("path", String.class))));
    }

    @Test
    void servesTheCheckpointOfAnySignedSizeAndRefusesOthers() {
        Fixtures.append(events(3));
        JsonPath checkpoint = signNow();
        long size = checkpoint.getLong("size");
        given().queryParam("size", size).when().get("/api/v1/checkpoints")
                .then().statusCode(200)
                .body("[0].size", equalTo((int) size))
                .body("[0].root", equalTo(checkpoint.getString("root")))
                .body("[0].note", equalTo(checkpoint.getString("note")));
        given().queryParam("size", size + 1_000_000).when().get("/api/v1/checkpoints")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("limit", 2).when().get("/api/v1/checkpoints")
                .then().statusCode(200).body("size()", equalTo(2)).body("[0].size", equalTo(0));
    }

    @Test
    void refusesProofsBeyondTheNewestCheckpointOrOutOfRange() {
        Fixtures.append(events(2));
        long size = signNow().getLong("size");
        given().queryParam("seq", 0).queryParam("treeSize", size + 1).when().get("/api/v1/proofs/inclusion")
                .then().statusCode(400).body("errors[0].field", equalTo("treeSize"));
        given().queryParam("seq", size).queryParam("treeSize", size).when().get("/api/v1/proofs/inclusion")
                .then().statusCode(400).body("errors[0].field", equalTo("seq"));
        given().queryParam("from", size + 1).queryParam("to", size).when().get("/api/v1/proofs/consistency")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().when().get("/api/v1/proofs/inclusion").then().statusCode(400);
    }

    @Test
    void signsANewCheckpointWithinASecondWithoutBeingAsked() throws InterruptedException {
        long before = signNow().getLong("size");
        Fixtures.append(events(2));
        long deadline = System.currentTimeMillis() + 5_000;
        long size = before;
        while (size < before + 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            size = given().accept("application/json").get("/api/v1/checkpoints/latest").jsonPath().getLong("size");
        }
        assertTrue(size >= before + 2, "the integrator covered the new entries on its own");
    }

    @Test
    @TestSecurity
    void publishesTheLatestCheckpointAndKeysWithoutAToken() {
        given().accept("application/json").when().get("/api/v1/checkpoints/latest")
                .then().statusCode(200).body("size", greaterThanOrEqualTo(0));
        given().when().get("/api/v1/keys")
                .then().statusCode(200)
                .body("keys[0].kty", equalTo("OKP"))
                .body("keys[0].crv", equalTo("Ed25519"))
                .body("keys[0].alg", equalTo("EdDSA"))
                .body("keys[0].status", equalTo("ACTIVE"));
    }

    @Test
    void signaturesFailUnderAnyOtherKey() {
        String note = given().accept("text/plain").get("/api/v1/checkpoints/latest").asString();
        NoteVerifier stranger = NoteSigner.generate("sightline.example/audit-log")
                .verifier();
        assertThrows(NoteException.class, () -> Checkpoint.open(note, stranger));
        String tampered = note.replaceFirst("\n\\d+\n", "\n999999999\n");
        assertThrows(NoteException.class, () -> Checkpoint.open(tampered, publishedKey()));
    }

    private static void assertIncluded(long seq, long treeSize, byte[] root) {
        String entryBody = given().when().get("/api/v1/events/" + seq).then().statusCode(200).extract().asString();
        byte[] leafHash = Merkle.leafHash(CanonicalJson.canonicalize(CanonicalJson.parse(entryBody).get("entry")));
        JsonPath proof = given().queryParam("seq", seq).queryParam("treeSize", treeSize)
                .when().get("/api/v1/proofs/inclusion")
                .then().statusCode(200).extract().jsonPath();
        assertArrayEquals(leafHash, decode(proof.getString("leafHash")));
        MerkleVerifier.verifyInclusion(seq, treeSize, leafHash, decodeAll(proof.getList("path", String.class)), root);
    }

    private static NoteVerifier publishedKey() {
        String noteKey = given().when().get("/api/v1/keys").then().statusCode(200).extract().jsonPath()
                .getString("keys[0].noteKey");
        return NoteVerifier.parse(noteKey);
    }

    private static JsonPath signNow() {
        return given().when().post("/api/v1/checkpoints").then().statusCode(200).extract().jsonPath();
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static List<byte[]> decodeAll(List<String> path) {
        return path.stream().map(CheckpointProofTest::decode).toList();
    }
}
