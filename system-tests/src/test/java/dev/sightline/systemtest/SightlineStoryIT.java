package dev.sightline.systemtest;

import static dev.sightline.systemtest.SystemEnvironment.AUDIT;
import static dev.sightline.systemtest.SystemEnvironment.DISCLOSURE;
import static dev.sightline.systemtest.SystemEnvironment.PARTNERSHIP;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleVerifier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteVerifier;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole story over HTTP with real tokens, in order: a partnership is agreed and activated, the assistant
 * gateway reports what happened, the auditor finds and proves the violation, a disclosure is published by a second
 * person and downloaded, verified and audited.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SightlineStoryIT extends SystemTest {
    private static final String GATEWAY = Identity.GATEWAY;
    private static final String ON_DEVICE_MODEL = "nimbus-lm-on-device";
    private static final String CLOUD_MODEL = "nimbus-lm-cloud";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Duration ASYNC = Duration.ofSeconds(90);

    /** eventId → the {seq, leafHash} the log acknowledged first. */
    private static final Map<UUID, JsonNode> acknowledged = new HashMap<>();
    private static int activeRevision;
    private static UUID violationEventId;
    private static Path downloads;
    private static JsonNode publishedDisclosure;

    @Test
    @Order(1)
    void tokensCarryTheAudienceTheRolesAndTheJurisdictions() {
        JsonNode regina = Keycloak.claims(env().token("regina"));
        assertEquals(env().keycloak().issuer(Keycloak.REALM), regina.path("iss").asText());
        assertTrue(audiences(regina).contains("sightline-api"), "audience of " + regina);
        assertEquals(List.of("EU"), strings(regina.path("jurisdictions")));
        assertTrue(strings(regina.path("realm_access").path("roles")).contains("regulator"));

        JsonNode chen = Keycloak.claims(env().token("chen"));
        assertEquals(List.of("CN"), strings(chen.path("jurisdictions")));

        JsonNode gateway = Keycloak.claims(env().token(GATEWAY));
        assertTrue(audiences(gateway).contains("sightline-api"), "audience of " + gateway);
        assertTrue(strings(gateway.path("realm_access").path("roles")).contains("audit-writer"));
        assertEquals("service-account-assistant-gateway", gateway.path("preferred_username").asText());
    }

    // ---- 1. alice registers the partner and the partnership; it is submitted, approved by bob and activated

    @Test
    @Order(10)
    void aliceRegistersAForeignCloudProviderAndThePartnership() {
        ObjectNode partner = JSON.createObjectNode()
                .put("legalName", "Nimbus Cloud Intelligence Co., Ltd. (" + suffix() + ")")
                .put("countryOfIncorporation", "CN")
                .put("headquartersCountry", "CN")
                .put("parentGroup", "Nimbus Holdings")
                .put("nationalSecurityAccess", true);
        Response created = as("alice", PARTNERSHIP).body(partner.toString()).post("/api/v1/partners");
        created.then().statusCode(201).body("coveredPerson", equalTo(true)).body("createdBy", equalTo("alice"));
        Story.partnerId = UUID.fromString(created.jsonPath().getString("id"));

        Response partnership = as("alice", PARTNERSHIP).body(partnershipRequest().toString())
                .post("/api/v1/partnerships");
        partnership.then().statusCode(201)
                .header("Location", startsWith(env().url(PARTNERSHIP) + "/api/v1/partnerships/"))
                .body("status", equalTo("DRAFT"))
                .body("revision", equalTo(1))
                .body("partnerId", equalTo(Story.partnerId.toString()))
                .body("dataPolicy.allowedModes", equalTo(List.of("ON_DEVICE")))
                .body("markets", equalTo(List.of("CN", "EU")));
        Story.partnershipId = UUID.fromString(partnership.jsonPath().getString("id"));
    }

    @Test
    @Order(11)
    void itIsSubmittedApprovedByAnotherUserAndActivated() {
        transition("alice", "UNDER_REVIEW", "Scope agreed with Nimbus; ready for privacy review").then()
                .statusCode(200).body("status", equalTo("UNDER_REVIEW"));

        // four eyes: whoever submitted it cannot approve it
        transition("alice", "APPROVED", "Looks fine to me").then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));

        transition("bob", "APPROVED", "On-device only in the EU; no transfer needed").then()
                .statusCode(200).body("status", equalTo("APPROVED")).body("lastTransition.actor", equalTo("bob"));

        Response active = transition("alice", "ACTIVE", "Go-live");
        active.then().statusCode(200).body("status", equalTo("ACTIVE")).body("lastTransition.actor", equalTo("alice"));
        activeRevision = active.jsonPath().getInt("revision");
        assertEquals(4, activeRevision, "created, submitted, approved, activated");

        as("ivan", PARTNERSHIP).get("/api/v1/partnerships/{id}/policy", Story.partnershipId).then().statusCode(200)
                .body("active", equalTo(true)).body("revision", equalTo(activeRevision))
                .body("allowedModes", equalTo(List.of("ON_DEVICE"))).body("partnerCoveredPerson", equalTo(true));
    }

    // ---- 2. the assistant gateway reports accesses; retries of an eventId are never a second entry

    @Test
    @Order(20)
    void theGatewayPostsAccessEventsAndRetriesAreNotDuplicated() {
        // after the activation, so the revision in force at occurredAt is the ACTIVE one
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ObjectNode> inside = List.of(
                event(now, "assistant", "user.content.voice", "voice-assistance", "ON_DEVICE", "DE"),
                event(now, "assistant", "user.content.voice", "voice-assistance", "ON_DEVICE", "FR"),
                event(now, "predictive-typing", "user.content.text", "predictive-typing", "ON_DEVICE", "DE"),
                event(now, "predictive-typing", "user.content.text", "predictive-typing", "ON_DEVICE", "CN"),
                event(now, "translation", "user.content.text", "translation", "ON_DEVICE", "FR"),
                event(now, "translation", "user.content.voice", "translation", "ON_DEVICE", "CN"));
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("events").addAll(inside);

        Response first = as(GATEWAY, AUDIT).body(batch.toString()).post("/api/v1/events/batch");
        first.then().statusCode(201);
        JsonNode entries = json(first.asString()).path("entries");
        assertEquals(inside.size(), entries.size());
        for (int i = 0; i < inside.size(); i++) {
            JsonNode entry = entries.get(i);
            assertEquals(inside.get(i).path("eventId").asText(), entry.path("eventId").asText());
            assertFalse(entry.path("duplicate").asBoolean());
            acknowledged.put(UUID.fromString(entry.path("eventId").asText()), entry);
        }

        // the gateway did not hear back and sends the same batch again: the original entries, nothing new
        Response retry = as(GATEWAY, AUDIT).body(batch.toString()).post("/api/v1/events/batch");
        retry.then().statusCode(200);
        JsonNode again = json(retry.asString()).path("entries");
        for (int i = 0; i < inside.size(); i++) {
            assertTrue(again.get(i).path("duplicate").asBoolean());
            assertEquals(entries.get(i).path("seq").asLong(), again.get(i).path("seq").asLong());
            assertEquals(entries.get(i).path("leafHash").asText(), again.get(i).path("leafHash").asText());
        }

        // one inference ran in the partner's cloud: outside the on-device-only policy
        ObjectNode cloud = event(now, "assistant", "user.content.voice", "voice-assistance", "PARTNER_CLOUD", "CN");
        cloud.with("actor").put("id", CLOUD_MODEL);
        violationEventId = UUID.fromString(cloud.path("eventId").asText());
        JsonNode appended = appendOne(cloud, 201);
        appendOne(cloud, 200);
        Story.violationSeq = appended.path("seq").asLong();

        // an authority asked for a user's text; the data never left the device, so the request was rejected
        ObjectNode authority = event(now, "assistant", "user.content.text", "voice-assistance", "ON_DEVICE", "CN");
        authority.put("action", "AUTHORITY_REQUEST").put("outcome", "DENIED");
        authority.putObject("actor").put("type", "AUTHORITY").put("id", "cn-mss-request-2026-117");
        authority.putObject("authority").put("name", "Ministry of State Security").put("country", "CN")
                .put("legalInstrument", "National Intelligence Law Art. 7").put("disposition", "REJECTED");
        appendOne(authority, 201);
        appendOne(authority, 200);

        // the same eventId with other content is refused, not stored
        ObjectNode tampered = cloud.deepCopy().put("recordCount", 2);
        as(GATEWAY, AUDIT).body(tampered.toString()).post("/api/v1/events").then().statusCode(409)
                .contentType("application/problem+json");

        // every event is in the log exactly once
        Response listed = as("ivan", AUDIT).queryParam("partnershipId", Story.partnershipId)
                .queryParam("limit", 500).get("/api/v1/events");
        listed.then().statusCode(200);
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode item : json(listed.asString()).path("items")) {
            seen.merge(item.path("entry").path("eventId").asText(), 1, Integer::sum);
        }
        for (UUID eventId : acknowledged.keySet()) {
            assertEquals(1, seen.getOrDefault(eventId.toString(), 0), "entries of event " + eventId);
        }
        assertEquals(inside.size() + 2, acknowledged.size());
        synchronized (Story.gatewaySeqs) {
            acknowledged.values().forEach(a -> Story.gatewaySeqs.add(a.path("seq").asLong()));
        }
    }

    // ---- 3. ivan finds the violation, proves its inclusion and verifies the log

    @Test
    @Order(30)
    void ivanSeesTheViolationOfTheOnDeviceOnlyPolicy() {
        JsonNode violation = Polling.await("the violation of seq " + Story.violationSeq + " judged", ASYNC,
                Duration.ofMillis(300), () -> {
                    JsonNode page = json(as("ivan", AUDIT).queryParam("partnershipId", Story.partnershipId)
                            .get("/api/v1/violations").then().statusCode(200).extract().asString());
                    return page.path("items").isEmpty() ? Optional.empty() : Optional.of(page.path("items"));
                });
        assertEquals(1, violation.size(), "exactly one event is outside the policy: " + violation);
        JsonNode item = violation.get(0);
        assertEquals(Story.violationSeq.longValue(), item.path("seq").asLong());
        assertEquals(Story.partnershipId.toString(), item.path("partnershipId").asText());
        assertEquals(activeRevision, item.path("policyRevision").asInt());
        List<String> kinds = new ArrayList<>();
        item.path("violations").forEach(v -> kinds.add(v.path("kind").asText()));
        assertEquals(List.of("MODE_NOT_ALLOWED"), kinds, "a PARTNER_CLOUD inference under an ON_DEVICE-only policy");

        // the events inside the policy were judged too, and found fine
        for (Map.Entry<UUID, JsonNode> ack : acknowledged.entrySet()) {
            if (ack.getKey().equals(violationEventId)) {
                continue;
            }
            long seq = ack.getValue().path("seq").asLong();
            // entries after the violation's may lie beyond the checkpoint the worker has reached so far
            JsonNode verdict = Polling.await("the verdict of seq " + seq, ASYNC, Duration.ofMillis(300), () -> {
                JsonNode answer = json(as("ivan", AUDIT).get("/api/v1/verdicts/{seq}", seq).then().statusCode(200)
                        .extract().asString());
                return "not judged yet".equals(answer.path("lastError").asText()) ? Optional.empty()
                        : Optional.of(answer);
            });
            assertEquals("JUDGED", verdict.path("status").asText(), "seq " + seq + ": " + verdict);
            assertEquals(0, verdict.path("violations").size(), "seq " + seq + ": " + verdict);
        }
        // the auditor looks at the record the violation was judged against (a partnership read, audited)
        as("ivan", PARTNERSHIP).get("/api/v1/partnerships/{id}", Story.partnershipId).then().statusCode(200)
                .body("revision", equalTo(activeRevision));
    }

    @Test
    @Order(31)
    void theViolationsInclusionProofVerifiesAgainstTheSignedCheckpoint() {
        long seq = Story.violationSeq;
        JsonNode checkpoint = Polling.await("a signed checkpoint covering seq " + seq, ASYNC, Duration.ofMillis(250),
                () -> {
                    JsonNode latest = json(anonymous(AUDIT).accept("application/json")
                            .get("/api/v1/checkpoints/latest").then().statusCode(200).extract().asString());
                    return latest.path("size").asLong() > seq ? Optional.of(latest) : Optional.empty();
                });

        // the checkpoint's signature, with the published key, as any signed-note tool would check it
        List<NoteVerifier> verifiers = new ArrayList<>();
        json(anonymous(AUDIT).get("/api/v1/keys").then().statusCode(200).extract().asString()).path("keys")
                .forEach(k -> verifiers.add(NoteVerifier.parse(k.path("noteKey").asText())));
        Checkpoint signed = Checkpoint.open(checkpoint.path("note").asText(), verifiers);
        long size = checkpoint.path("size").asLong();
        assertEquals(size, signed.size());
        byte[] root = Base64.getDecoder().decode(checkpoint.path("root").asText());
        assertArrayEquals(root, signed.rootHash());

        // the entry is what was acknowledged: its leaf hash is recomputed from its canonical JSON
        JsonNode entry = json(as("ivan", AUDIT).get("/api/v1/events/{seq}", seq).then().statusCode(200)
                .extract().asString());
        byte[] leafHash = Merkle.leafHash(CanonicalJson.canonicalize(entry.path("entry")));
        assertEquals(acknowledged.get(violationEventId).path("leafHash").asText(),
                Base64.getEncoder().encodeToString(leafHash));
        assertEquals("PARTNER_CLOUD", entry.path("entry").path("processing").path("mode").asText());

        JsonNode proof = json(as("ivan", AUDIT).queryParam("seq", seq).queryParam("treeSize", size)
                .get("/api/v1/proofs/inclusion").then().statusCode(200).extract().asString());
        List<byte[]> path = new ArrayList<>();
        proof.path("path").forEach(h -> path.add(Base64.getDecoder().decode(h.asText())));
        MerkleVerifier.verifyInclusion(seq, size, leafHash, path, root);
        assertFalse(MerkleVerifier.isInclusionValid(seq, size, Merkle.leafHash("forged".getBytes(
                StandardCharsets.UTF_8)), path, root), "a different entry must not verify with this proof");
    }

    @Test
    @Order(32)
    void ivanRunsVerificationAndTheLogIsIntact() throws InterruptedException {
        String location = as("ivan", AUDIT).contentType("application/json").body("{}").post("/api/v1/verifications")
                .then().statusCode(202).extract().header("Location");
        JsonNode run = json(as("ivan", AUDIT).get(location).asString());
        for (int i = 0; i < 600 && !run.path("state").asText().equals("DONE"); i++) {
            assertTrue(!run.path("state").asText().equals("FAILED"), run.toString());
            Thread.sleep(100);
            run = json(as("ivan", AUDIT).get(location).asString());
        }
        JsonNode result = run.path("result");
        assertTrue(result.path("ok").asBoolean(), run.toString());
        assertEquals(0, result.path("findings").size(), run.toString());
        assertTrue(result.path("verifiedSize").asLong() > Story.violationSeq, result.toString());
        assertTrue(result.path("checkpointsVerified").asLong() > 0, result.toString());
    }

    // ---- 4. alice drafts the EU disclosure; she cannot publish her own draft, bob can

    @Test
    @Order(40)
    void aliceDraftsTheEuDisclosureAndOnlyBobPublishesIt() {
        Response created = as("alice", DISCLOSURE).body(disclosureRequest("EU").toString())
                .post("/api/v1/disclosures");
        created.then().statusCode(201).body("status", equalTo("DRAFT")).body("authoredBy", equalTo("alice"))
                .body("jurisdiction", equalTo("EU"));
        Story.euDisclosureId = UUID.fromString(created.jsonPath().getString("id"));

        as("alice", DISCLOSURE).body(ATTESTATION).post("/api/v1/disclosures/{id}/publish", Story.euDisclosureId)
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));

        Response published = as("bob", DISCLOSURE).body(ATTESTATION).post("/api/v1/disclosures/{id}/publish",
                Story.euDisclosureId);
        published.then().statusCode(200).body("status", equalTo("PUBLISHED")).body("publishedBy", equalTo("bob"))
                .body("authoredBy", equalTo("alice"));
        publishedDisclosure = json(published.asString());
        assertTrue(publishedDisclosure.path("digest").asText().matches("[0-9a-f]{64}"), publishedDisclosure.toString());
    }

    // ---- 5. regina lists and downloads it, the verifier CLI verifies it, chen cannot see it

    @Test
    @Order(50)
    void reginaListsAndDownloadsTheDisclosureAsJsonCsvAndPdf() {
        requirePublished();
        UUID id = Story.euDisclosureId;
        Response list = as("regina", DISCLOSURE).queryParam("jurisdiction", "EU").get("/api/v1/disclosures");
        list.then().statusCode(200);
        assertTrue(ids(json(list.asString())).contains(id.toString()), "regina's list: " + list.asString());

        downloads = env().dir().resolve("downloads");
        Response report = as("regina", DISCLOSURE).get("/api/v1/disclosures/{id}/report.json", id);
        report.then().statusCode(200).contentType(startsWith("application/json"));
        byte[] reportBytes = report.asByteArray();
        write(downloads.resolve("report.json"), reportBytes);
        assertEquals(publishedDisclosure.path("digest").asText(), sha256Hex(CanonicalJson.canonicalize(
                new String(reportBytes, StandardCharsets.UTF_8))), "digest of the report's canonical JSON");
        assertTrue(new String(reportBytes, StandardCharsets.UTF_8).contains(Story.partnershipId.toString()),
                "the report covers the partnership");

        Response signature = as("regina", DISCLOSURE).get("/api/v1/disclosures/{id}/report.json.jws", id);
        signature.then().statusCode(200);
        String jws = signature.asString().trim();
        assertTrue(jws.matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+"), "a compact JWS with detached payload: " + jws);
        write(downloads.resolve("report.json.jws"), jws.getBytes(StandardCharsets.US_ASCII));

        Response csv = as("regina", DISCLOSURE).get("/api/v1/disclosures/{id}/report.csv", id);
        csv.then().statusCode(200).contentType(startsWith("text/csv"));
        write(downloads.resolve("report.csv"), csv.asByteArray());
        assertFalse(csv.asString().isBlank());

        Response pdf = as("regina", DISCLOSURE).get("/api/v1/disclosures/{id}/report.pdf", id);
        pdf.then().statusCode(200).contentType(startsWith("application/pdf"));
        write(downloads.resolve("report.pdf"), pdf.asByteArray());
        assertEquals("%PDF-", new String(pdf.asByteArray(), 0, 5, StandardCharsets.US_ASCII));
    }

    @Test
    @Order(51)
    void theVerifierCliVerifiesTheDownload() throws Exception {
        requirePublished();
        Path cli = env().root().resolve("verifier/target/sightline-verifier.jar");
        assertTrue(Files.isRegularFile(cli), "the verifier CLI is built by the verifier module: " + cli);
        Path log = env().dir().resolve("verifier-cli.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", cli.toString(),
                "--report", downloads.resolve("report.json").toString(),
                "--signature", downloads.resolve("report.json.jws").toString(),
                "--keys", env().url(DISCLOSURE) + "/api/v1/keys",
                "--log-keys", env().url(AUDIT) + "/api/v1/keys",
                "--digest", publishedDisclosure.path("digest").asText())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the verifier CLI did not finish; " + log);
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), "verifier CLI output (" + log + "):\n" + output);
    }

    @Test
    @Order(52)
    void chenCannotSeeTheEuDisclosure() {
        requirePublished();
        UUID id = Story.euDisclosureId;
        for (String path : List.of("", "/report.json", "/report.csv", "/report.pdf", "/report.json.jws")) {
            as("chen", DISCLOSURE).get("/api/v1/disclosures/{id}" + path, id).then().statusCode(404);
        }
        Response list = as("chen", DISCLOSURE).get("/api/v1/disclosures");
        list.then().statusCode(200);
        assertFalse(ids(json(list.asString())).contains(id.toString()), "chen's list: " + list.asString());
    }

    @Test
    @Order(53)
    void thePartnershipReadsAreInTheAuditLog() {
        // alice's and ivan's reads of the record travel through the partnership-service's outbox
        Set<String> readers = Polling.await("READ events of the partnership by alice and ivan", ASYNC,
                Duration.ofMillis(500), () -> {
                    Set<String> actors = actors(as("ivan", AUDIT).queryParam("partnershipId", Story.partnershipId)
                            .queryParam("action", "READ").queryParam("limit", 500).get("/api/v1/events"));
                    return actors.containsAll(List.of("ivan", "audit-service")) ? Optional.of(actors)
                            : Optional.empty();
                });
        assertTrue(readers.contains("ivan"), readers.toString());
        Set<String> writers = actors(as("ivan", AUDIT).queryParam("partnershipId", Story.partnershipId)
                .queryParam("action", "WRITE").queryParam("limit", 500).get("/api/v1/events"));
        assertEquals(Set.of("alice", "bob"), writers, "who changed the record");
    }

    @Test
    @Order(54)
    void reginasDownloadsAreInTheAuditLog() {
        requirePublished();
        JsonNode exports = Polling.await("EXPORT events by regina", ASYNC, Duration.ofMillis(500), () -> {
            JsonNode page = json(as("ivan", AUDIT).queryParam("action", "EXPORT").queryParam("actorId", "regina")
                    .queryParam("limit", 500).get("/api/v1/events").then().statusCode(200).extract().asString());
            return page.path("items").size() >= 3 ? Optional.of(page.path("items")) : Optional.empty();
        });
        for (JsonNode item : exports) {
            assertEquals("USER", item.path("entry").path("actor").path("type").asText(), item.toString());
        }
    }

    // ---- helpers

    private static void requirePublished() {
        assertTrue(Story.euDisclosureId != null && publishedDisclosure != null,
                "the EU disclosure was not published earlier in the story");
    }

    /**
     * The jurisdiction's disclosure for the 30 days up to the end of today (UTC), naming the story's partnership: a
     * period that has not ended, so a provisional report.
     */
    static ObjectNode disclosureRequest(String jurisdiction) {
        ObjectNode request = JSON.createObjectNode().put("jurisdiction", jurisdiction)
                .put("periodStart", TODAY.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .put("periodEnd", TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .put("provisional", true);
        request.putArray("partnershipIds").add(Story.partnershipId.toString());
        return request;
    }

    /** The story's partnership: offered in CN and the EU, on-device only, complete enough to go active. */
    static ObjectNode partnershipRequest() {
        ObjectNode p = JSON.createObjectNode();
        p.put("reference", "PRT-SYS-" + suffix());
        p.put("title", "Nimbus-LM for the assistant, predictive typing and translation in China and the EU");
        p.put("description", "The partner's model runs on the device. In the EU nothing leaves the device.");
        p.put("owner", "ai-partnerships@example.com");
        p.put("effectiveFrom", TODAY.minusDays(60).toString());
        p.put("partnerId", Story.partnerId.toString());
        p.putArray("aiSystems").addObject().put("name", "Nimbus-LM").put("provider", "Nimbus Cloud Intelligence")
                .put("version", "4.2").put("riskClass", "LIMITED").put("generalPurpose", true);
        ArrayNode features = p.putArray("features");
        features.addObject().put("key", "assistant").put("name", "Voice assistant")
                .put("purpose", "Answer spoken questions");
        features.addObject().put("key", "predictive-typing").put("name", "Predictive typing")
                .put("purpose", "Suggest the next words while typing");
        features.addObject().put("key", "translation").put("name", "Translation")
                .put("purpose", "Translate text and speech");
        p.putArray("markets").add("CN").add("EU");
        ObjectNode policy = p.putObject("dataPolicy");
        policy.putArray("allowedCategories").add("user.content.voice").add("user.content.text");
        policy.putArray("forbiddenCategories").add("user.biometric");
        policy.putArray("allowedModes").add("ON_DEVICE");
        policy.putArray("allowedCountries").add("DE").add("FR").add("CN");
        policy.putArray("allowedPurposes").add("voice-assistance").add("predictive-typing").add("translation");
        policy.put("retentionDays", 0);
        policy.put("sensitiveAllowed", false);
        p.putArray("transfers");
        p.putArray("legalBases").addObject().put("jurisdiction", "EU").put("basis", "GDPR Art. 6(1)(b) contract");
        p.putArray("assessments").addObject().put("type", "DPIA").put("status", "APPROVED")
                .put("date", TODAY.minusDays(90).toString()).put("nextReview", TODAY.plusDays(275).toString())
                .put("reference", "DPIA-SYS-1");
        p.putArray("publicCommitments").add("In the EU, no user data leaves the device");
        return p;
    }

    private static Response transition(String who, String to, String reason) {
        return as(who, PARTNERSHIP).body(JSON.createObjectNode().put("to", to).put("reason", reason).toString())
                .post("/api/v1/partnerships/{id}/transitions", Story.partnershipId);
    }

    private static ObjectNode event(Instant at, String feature, String category, String purpose, String mode,
            String country) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("occurredAt", at.toString());
        e.put("partnershipId", Story.partnershipId.toString());
        e.putObject("actor").put("type", "PARTNER_SYSTEM").put("id", ON_DEVICE_MODEL);
        e.put("action", "INFERENCE");
        e.put("feature", feature);
        e.putArray("dataCategories").add(category);
        e.put("recordCount", 1);
        e.put("subjectRef", pseudonym());
        e.putObject("processing").put("mode", mode).put("country", country);
        e.put("purpose", purpose);
        e.put("outcome", "ALLOWED");
        return e;
    }

    /** A random subject pseudonym in the audit log's format: ps_ and 32 bytes in unpadded base64url. */
    private static String pseudonym() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Posts one event, expecting 201 the first time and 200 (the original entry) on a retry. */
    private static JsonNode appendOne(ObjectNode event, int status) {
        Response response = as(GATEWAY, AUDIT).body(event.toString()).post("/api/v1/events");
        response.then().statusCode(status).body("duplicate", equalTo(status == 200));
        JsonNode appended = json(response.asString());
        UUID eventId = UUID.fromString(event.path("eventId").asText());
        JsonNode first = acknowledged.putIfAbsent(eventId, appended);
        if (first != null) {
            assertEquals(first.path("seq").asLong(), appended.path("seq").asLong(), "a retry is the original entry");
            assertEquals(first.path("leafHash").asText(), appended.path("leafHash").asText());
        }
        return appended;
    }

    private static Set<String> actors(Response events) {
        events.then().statusCode(200);
        Set<String> actors = new TreeSet<>();
        json(events.asString()).path("items").forEach(i -> actors.add(
                i.path("entry").path("actor").path("id").asText().replaceFirst("^service-account-", "")));
        return actors;
    }

    private static Set<String> ids(JsonNode list) {
        JsonNode items = list.isArray() ? list : list.path("items");
        Set<String> ids = new TreeSet<>();
        items.forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? strings(aud) : List.of(aud.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
