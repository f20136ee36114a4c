package dev.sightline.disclosure.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.sightline.disclosure.reports.ReportFigures;
import dev.sightline.disclosure.reports.ReportJson;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ServiceStub;
import dev.sightline.verifier.cli.VerifyDisclosure;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.jws.DetachedJws;
import dev.sightline.verifier.note.Jwk;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disclosure workflow over real HTTP and PostgreSQL, with both sources stubbed by one WireMock server that
 * serves a real signed Merkle log: generation per jurisdiction, the four-eyes rule, immutability (service and
 * trigger), supersede and withdraw, format parity, schema validation, regulator scoping, EXPORT events, the
 * offline verifier, and a period given as dates in the reporting time zone. The steps build on each other, in order.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisclosureWorkflowTest {
    private static final String START = "2026-01-01T00:00:00Z";
    private static final String END = "2026-07-01T00:00:00Z";
    private static final UUID EU_PARTNERSHIP = UUID.randomUUID();
    private static final UUID CN_PARTNERSHIP = UUID.randomUUID();
    private static final UUID PARTNER = UUID.randomUUID();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(DisclosureWorkflowTest.class.getResourceAsStream("/schemas/disclosure.json"));
    /** A directory to copy the files the offline verifier accepts into, as the portal's browser test fixtures. */
    private static final String BROWSER_FIXTURES = "sightline.browser-fixtures";
    private static String euFirst;
    private static String euCorrection;
    /** Published last, so that it is CURRENT: no other test of the module publishes a US disclosure. */
    private static String usFirst;

    @ServiceStub.Server
    WireMockServer server;

    private Sources sources() {
        return new Sources(server);
    }

    private static ObjectNode eu() {
        return Sources.partnership(EU_PARTNERSHIP, PARTNER, "PRT-2026-0001", "DE", "FR", "CN", "US");
    }

    private static ObjectNode cn() {
        return Sources.partnership(CN_PARTNERSHIP, PARTNER, "PRT-2026-0002", "CN", "US");
    }

    private static String request(String jurisdiction, String extra) {
        return "{\"jurisdiction\": \"" + jurisdiction + "\", \"periodStart\": \"" + START + "\", \"periodEnd\": \""
                + END + "\"" + extra + "}";
    }

    /** A publish request: the publisher's attestation. */
    static final String ATTESTATION = "{\"attestation\": {\"name\": \"Robert Brandt\", \"title\": \"Chief Privacy "
            + "Officer\", \"statement\": \"I attest that this disclosure is complete and accurate.\"}}";

    private static long rows() {
        return count("SELECT count(*) FROM disclosure.disclosure");
    }

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void rejectsBadRequestsWithProblemsAndStoresNothing() {
        long before = rows();
        given().contentType(ContentType.JSON).body(request("XX", "")).post("/api/v1/disclosures").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("jurisdiction"));
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"EU\", \"periodStart\": \"" + END
                + "\", \"periodEnd\": \"" + START + "\"}").post("/api/v1/disclosures").then().statusCode(400)
                .body("errors[0].field", equalTo("periodEnd"));
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"EU\"}").post("/api/v1/disclosures").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(request("EU", ", \"colour\": 1")).post("/api/v1/disclosures")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(request("CN", ", \"periodStartDate\": \"2026-01-01\", "
                + "\"periodEndDate\": \"2027-01-01\"")).post("/api/v1/disclosures").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("periodStart", "periodEnd", "periodStartDate", "periodEndDate")))
                .body("errors[0].message", containsString("not both"));
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"CN\", \"periodStart\": \"" + START
                + "\", \"periodEndDate\": \"2027-01-01\"}").post("/api/v1/disclosures").then().statusCode(400)
                .body("errors.field", equalTo(List.of("periodStart", "periodEndDate")));
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"CN\", \"periodStartDate\": \"2026-13-01\", "
                + "\"periodEndDate\": \"2027-01-01\"}").post("/api/v1/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("periodStartDate"));
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"CN\", \"periodStartDate\": \"2026-01-01\"}")
                .post("/api/v1/disclosures").then().statusCode(400).body("errors[0].field", equalTo("periodEndDate"));
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"CN\", \"periodStartDate\": \"2027-01-01\", "
                + "\"periodEndDate\": \"2027-01-01\"}").post("/api/v1/disclosures").then().statusCode(400)
                .body("errors[0].field", equalTo("periodEndDate"));
        UUID unknown = UUID.randomUUID();
        server.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + unknown)).willReturn(aResponse().withStatus(404)));
        given().contentType(ContentType.JSON).body(request("EU", ", \"partnershipIds\": [\"" + unknown + "\"]"))
                .post("/api/v1/disclosures").then().statusCode(400).body("errors[0].field", equalTo("partnershipIds"));
        assertEquals(before, rows());
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void generatesAnEuDraftFromTheActivePartnershipsInEuMarkets() throws Exception {
        sources().stubPartnership(eu());
        sources().stubPartnership(cn());
        sources().stubList(eu(), cn());
        int size = Sources.grow();
        sources().stubAudit(size, START, END, eu());
        euFirst = given().contentType(ContentType.JSON).body(request("EU", "")).post("/api/v1/disclosures").then()
                .statusCode(201).header("Location", containsString("/api/v1/disclosures/"))
                .body("status", equalTo("DRAFT")).body("authoredBy", equalTo("alice"))
                .body("template", equalTo("EU 2026.2")).body("ruleSet", equalTo("2026.1"))
                .body("checkpointSize", equalTo(size)).body("keyId", nullValue())
                .body("partnershipIds", equalTo(List.of(EU_PARTNERSHIP.toString())))
                .extract().path("id");
        JsonNode report = json(given().get("/api/v1/disclosures/" + euFirst + "/report.json").then().statusCode(200)
                .header("Content-Disposition", containsString("sightline-disclosure-EU-2026-01-01-2026-07-01-v1.json"))
                .extract().asByteArray());
        assertValid(report);
        assertEquals(1, report.path("partnerships").size(), "the partnership offered in CN and the US is not in an EU market");
        JsonNode p = report.path("partnerships").path(0);
        assertEquals("PRT-2026-0001", p.path("reference").asText());
        assertEquals(1200, p.path("dataAccess").path("totals").path("events").asLong());
        assertEquals("MODE_NOT_ALLOWED", p.path("compliance").path("violations").path(1).path("kind").asText());
        assertEquals(List.of("DPIA"), texts(p.path("assessments"), "type"), "EU template keeps EU assessments");
        assertEquals(List.of("EU_AI_DATABASE_REGISTRATION"), texts(p.path("filings"), "type"));
        assertEquals(List.of("EU"), texts(p.path("legalBases"), "jurisdiction"));
        assertTrue(p.path("aiSystems").path(0).path("duties").asText().contains("Art. 50"), "AI Act duty named");
        assertEquals(0, p.path("thresholds").size(), "the EU template reports no volume thresholds");
        assertEquals("ACTIVE", p.path("statusChanges").path(0).path("to").asText());
        assertEquals(size, report.path("attestation").path("checkpoint").path("size").asInt());
        assertTrue(report.path("attestation").path("previous").isNull());
        assertTrue(report.path("publication").isNull());
    }

    @Test
    @Order(3)
    @TestSecurity(user = "alice", roles = { "disclosure-author", "disclosure-publisher" })
    void theAuthorCannotPublishTheirOwnDraft() {
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + euFirst + "/publish")
                .then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("another disclosure-publisher"));
        given().get("/api/v1/disclosures/" + euFirst + "/report.json.jws").then().statusCode(404);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void anotherPublisherPublishesAndSignsIt() throws Exception {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/disclosures/" + euFirst + "/publish").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("attestation"));
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + euFirst + "/publish")
                .then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("publishedBy", equalTo("bob"))
                .body("keyId", notNullValue());
        byte[] bytes = given().get("/api/v1/disclosures/" + euFirst + "/report.json").then().statusCode(200)
                .extract().asByteArray();
        JsonNode report = json(bytes);
        assertValid(report);
        assertEquals("bob", report.path("publication").path("publishedBy").asText());
        assertTrue(Arrays.equals(bytes, CanonicalJson.canonicalize(report)), "served as canonical bytes");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        given().get("/api/v1/disclosures/" + euFirst + "/metadata").then().body("digest", equalTo(digest));
        String jws = given().get("/api/v1/disclosures/" + euFirst + "/report.json.jws").then().statusCode(200)
                .extract().asString();
        JsonNode key = json(given().get("/api/v1/keys").then().statusCode(200).extract().asByteArray())
                .path("keys").path(0);
        Jwk jwk = new Jwk(key.path("kty").asText(), key.path("crv").asText(), key.path("x").asText(),
                key.path("kid").asText(), key.path("alg").asText(), key.path("use").asText());
        DetachedJws.verify(jws, bytes, Map.of(jwk.kid(), jwk.toPublicKey()));
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + euFirst + "/publish")
                .then().statusCode(409);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void aPublishedDisclosureNeverChangesNeitherThroughTheServiceNorBehindItsBack() {
        given().post("/api/v1/disclosures/" + euFirst + "/regenerate").then().statusCode(409)
                .body("detail", containsString("never change"));
        given().delete("/api/v1/disclosures/" + euFirst).then().statusCode(409);
        SQLException update = assertThrows(SQLException.class, () -> execute(
                "UPDATE disclosure.disclosure SET report = 'x'::bytea WHERE id = '" + euFirst + "'"));
        assertTrue(update.getMessage().contains("never changes"), update.getMessage());
        assertThrows(SQLException.class, () -> execute("UPDATE disclosure.disclosure SET status = 'DRAFT' WHERE id = '"
                + euFirst + "'"));
        SQLException delete = assertThrows(SQLException.class, () -> execute(
                "DELETE FROM disclosure.disclosure WHERE id = '" + euFirst + "'"));
        assertTrue(delete.getMessage().contains("never deleted"), delete.getMessage());
    }

    @Test
    @Order(6)
    @TestSecurity(user = "regina", roles = "regulator", attributes = @SecurityAttribute(key = "jurisdictions",
            value = "EU"))
    void aRegulatorDownloadsItsJurisdictionsPublishedDisclosuresInThreeFormatsThatAgree() throws Exception {
        given().queryParam("jurisdiction", "EU").get("/api/v1/disclosures").then().statusCode(200)
                .body("items.id", equalTo(List.of(euFirst))).body("items[0].status", equalTo("PUBLISHED"))
                .body("items[0].reportingTimeZone", equalTo("Europe/Brussels"));
        JsonNode report = json(given().accept("application/json").get("/api/v1/disclosures/" + euFirst).then()
                .statusCode(200).extract().asByteArray());
        String csv = given().accept("text/csv").get("/api/v1/disclosures/" + euFirst).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        byte[] pdf = given().get("/api/v1/disclosures/" + euFirst + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString(".pdf")).extract()
                .asByteArray();
        assertEquals(csv, given().get("/api/v1/disclosures/" + euFirst + "/report.csv").then().statusCode(200)
                .extract().asString());
        // CSV: RFC 4180 rows, exactly the JSON's figures after the metadata, each naming the disclosure
        List<String> lines = List.of(csv.substring(1).split("\r\n"));
        assertEquals("disclosureId,partnership,section,metric,dimension,dimensionValue,value,unit,label", lines.get(0));
        List<String> figureRows = new ArrayList<>();
        for (ReportFigures.Figure f : ReportFigures.of(ReportJson.parse(CanonicalJson.canonicalize(report)))) {
            figureRows.add(String.join(",", euFirst, f.partnership(), f.section(), f.metric(), f.dimension(),
                    f.dimensionValue(), f.value(), f.unit()));
        }
        List<String> printed = lines.subList(lines.size() - figureRows.size(), lines.size()).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        assertEquals(figureRows, printed);
        assertTrue(csv.contains(euFirst + ",PRT-2026-0001,dataAccess,events,total,,1200,events,Events\r\n"), csv);
        assertTrue(csv.contains(euFirst + ",PRT-2026-0001,governance,events,action,READ,9,events,"));
        assertTrue(csv.contains(euFirst + ",PRT-2026-0001,compliance,unclassified,total,,0,log entries,"));
        assertTrue(csv.contains(euFirst + ",PRT-2026-0001,compliance,violations,kind,MODE_NOT_ALLOWED,5,events,"
                + "Violations · Violation kind: Processing mode not allowed\r\n"), csv);
        assertTrue(csv.contains(euFirst + ",,authorityRequests,requests,country,CN,2,requests,"));
        // PDF: read back with another library; the same figures, title page facts and verification steps
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
            // kept for people to look at: target/sample-disclosure.pdf and its first pages as images
            Files.write(Path.of("target/sample-disclosure.pdf"), pdf);
            PDFRenderer pages = new PDFRenderer(document);
            for (int page = 0; page < Math.min(3, document.getNumberOfPages()); page++) {
                ImageIO.write(pages.renderImageWithDPI(page, 80), "png",
                        Path.of("target/sample-disclosure-" + (page + 1) + ".png").toFile());
            }
        }
        String flat = text.replaceAll("\\s+", " ");
        String digest = given().get("/api/v1/disclosures/" + euFirst + "/metadata").then().extract().path("digest");
        assertTrue(flat.contains("Jurisdiction EU"), flat);
        assertTrue(flat.contains(digest.substring(0, 32)), "digest on the title page");
        assertTrue(flat.contains("How to verify this report"));
        assertTrue(flat.contains("MODE_NOT_ALLOWED"));
        for (ReportFigures.Figure f : ReportFigures.of(ReportJson.parse(CanonicalJson.canonicalize(report)))) {
            assertTrue(flat.contains(f.value()), "PDF shows " + f);
        }
        assertTrue(flat.contains("Data category: Voice recordings user.content.voice 1193 1342 409"),
                "a data-access row as in the JSON, in plain words with the key: " + flat);
        // every download by a regulator reaches the audit log as an EXPORT event, through the outbox
        long deadline = System.currentTimeMillis() + 15_000;
        while (count("SELECT count(*) FROM disclosure.audit_outbox WHERE status = 'SENT' AND payload->'actor'->>'id' = "
                + "'regina' AND payload->>'action' = 'EXPORT'") < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(4, count("SELECT count(*) FROM disclosure.audit_outbox WHERE status = 'SENT' AND "
                + "payload->'actor'->>'id' = 'regina' AND payload->>'partnershipId' = '" + EU_PARTNERSHIP + "'"));
        server.verify(WireMock.moreThanOrExactly(1),
                postRequestedFor(urlEqualTo(SourcesStub.BATCH)).withRequestBody(
                        WireMock.containing("\"EXPORT\""))
                        .withHeader("Authorization", WireMock.equalTo(
                                "Bearer " + SourcesStub.TOKEN)));
    }

    @Test
    @Order(7)
    @TestSecurity(user = "chen", roles = "regulator", attributes = @SecurityAttribute(key = "jurisdictions",
            value = "CN"))
    void aRegulatorOfAnotherJurisdictionCannotTellItExists() {
        given().get("/api/v1/disclosures/" + euFirst + "/report.json").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/disclosures/" + euFirst + "/metadata").then().statusCode(404);
        given().get("/api/v1/disclosures").then().statusCode(200).body("items.size()", equalTo(0));
        given().contentType(ContentType.JSON).body(request("CN", "")).post("/api/v1/disclosures").then()
                .statusCode(403);
    }

    @Test
    @Order(8)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void generatesEachJurisdictionsTemplateAndACorrectionWithItsConsistencyProof() throws Exception {
        int size = Sources.grow();
        sources().stubAudit(size, START, END, cn(), eu());
        String both = ", \"partnershipIds\": [\"" + CN_PARTNERSHIP + "\", \"" + EU_PARTNERSHIP + "\"]";
        for (String jurisdiction : List.of("CN", "US", "US-CA")) {
            String id = given().contentType(ContentType.JSON).body(request(jurisdiction, both))
                    .post("/api/v1/disclosures").then().statusCode(201).body("template", equalTo(jurisdiction + " 2026.2"))
                    .extract().path("id");
            if (jurisdiction.equals("US")) {
                usFirst = id;
            }
            JsonNode report = json(given().get("/api/v1/disclosures/" + id + "/report.json").then().extract()
                    .asByteArray());
            assertValid(report);
            JsonNode p = report.path("partnerships").path(0);
            switch (jurisdiction) {
                case "CN" -> {
                    assertEquals(List.of("PIPL_PIPIA"), texts(p.path("assessments"), "type"));
                    assertEquals(List.of("CAC_ALGORITHM_FILING"), texts(p.path("filings"), "type"));
                    assertEquals(List.of("CN_CROSS_BORDER_PROVISION"), texts(p.path("thresholds"), "regime"));
                    assertEquals("NEAR", p.path("thresholds").path(0).path("status").asText());
                    assertEquals("EXCEEDED", report.path("partnerships").path(1).path("thresholds").path(0)
                            .path("status").asText());
                }
                case "US" -> {
                    assertEquals(List.of("US_BULK_SENSITIVE_DATA"), texts(p.path("thresholds"), "regime"));
                    assertTrue(p.path("partner").path("coveredPerson").asBoolean());
                }
                default -> assertEquals(List.of("CCPA_RISK"), texts(p.path("assessments"), "type"));
            }
        }
        euCorrection = given().contentType(ContentType.JSON).body(request("EU", ", \"partnershipIds\": [\""
                + EU_PARTNERSHIP + "\"], \"supersedes\": \"" + euFirst + "\"")).post("/api/v1/disclosures").then()
                .statusCode(201).body("version", equalTo(2)).body("supersedes", equalTo(euFirst)).extract().path("id");
        JsonNode report = json(given().get("/api/v1/disclosures/" + euCorrection + "/report.json").then().extract()
                .asByteArray());
        JsonNode previous = report.path("attestation").path("previous");
        assertEquals(euFirst, previous.path("disclosureId").asText());
        assertTrue(previous.path("consistencyProof").size() > 0);
        assertTrue(previous.path("size").asInt() < report.path("attestation").path("checkpoint").path("size").asInt());
        given().contentType(ContentType.JSON).body(request("EU", ", \"supersedes\": \"" + UUID.randomUUID() + "\""))
                .post("/api/v1/disclosures").then().statusCode(400).body("errors[0].field", equalTo("supersedes"));
    }

    @Test
    @Order(9)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void aCorrectionSupersedesThePublishedOneAndCanBeWithdrawnWithAReason() {
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + euCorrection
                + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        given().get("/api/v1/disclosures/" + euFirst + "/metadata").then().body("status", equalTo("SUPERSEDED"))
                .body("supersededBy", equalTo(euCorrection));
        given().get("/api/v1/disclosures/" + euCorrection + "/metadata").then().body("supersedes", equalTo(euFirst));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/disclosures/" + euFirst + "/withdraw").then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body("{\"reason\": \"superseded already\"}")
                .post("/api/v1/disclosures/" + euFirst + "/withdraw").then().statusCode(409);
    }

    @Test
    @Order(10)
    @TestSecurity(user = "ivan", roles = "auditor")
    void theOfflineVerifierAcceptsTheRealReportAndRejectsATamperedOne(@TempDir Path dir)
            throws Exception {
        String base = "/api/v1/disclosures/" + euCorrection;
        Path report = Files.write(dir.resolve("report.json"), given().get(base + "/report.json").then().statusCode(200)
                .extract().asByteArray());
        Path jws = Files.writeString(dir.resolve("report.json.jws"), given().get(base + "/report.json.jws").then()
                .statusCode(200).extract().asString());
        Path keys = Files.write(dir.resolve("keys.json"), given().get("/api/v1/keys").then().extract().asByteArray());
        Path logKeys = Files.writeString(dir.resolve("log-keys.json"), Sources.logKeys());
        Path previous = Files.write(dir.resolve("previous.json"), given().get("/api/v1/disclosures/" + euFirst
                + "/report.json").then().extract().asByteArray());
        String[] args = { "--report", report.toString(), "--signature", jws.toString(), "--keys", keys.toString(),
            "--log-keys", logKeys.toString(), "--previous", previous.toString() };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new VerifyDisclosure(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(args);
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        String fixtures = System.getProperty(BROWSER_FIXTURES);
        if (fixtures != null) {
            // The portal's browser verifier is tested on these very files, which this verifier has just accepted.
            for (Path file : List.of(report, jws, keys, logKeys, previous)) {
                Files.copy(file, Path.of(fixtures).resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String tampered = Files.readString(report).replace("\"total\":3", "\"total\":2"); // one fewer authority request
        assertNotEquals(Files.readString(report), tampered);
        Files.writeString(report, tampered);
        out.reset();
        code = new VerifyDisclosure(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(args);
        assertEquals(1, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAIL"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(11)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void withdrawingNeedsAReasonAndHidesItFromRegulators() {
        given().contentType(ContentType.JSON).body("{\"reason\": \" \"}")
                .post("/api/v1/disclosures/" + euCorrection + "/withdraw").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"reason\": \"March figures were incomplete\"}")
                .post("/api/v1/disclosures/" + euCorrection + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("withdrawnBy", equalTo("bob"))
                .body("withdrawalReason", equalTo("March figures were incomplete"));
        given().contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/api/v1/disclosures/" + euCorrection + "/withdraw").then().statusCode(409);
    }

    @Test
    @Order(12)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void aSourceThatCannotAnswerFailsTheRequestClearlyAndStoresNothing() {
        long before = rows();
        server.stubFor(get(urlPathEqualTo("/api/v1/figures")).willReturn(aResponse().withStatus(500)));
        given().contentType(ContentType.JSON).body(request("EU", ", \"partnershipIds\": [\"" + EU_PARTNERSHIP + "\"]"))
                .post("/api/v1/disclosures").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("audit-service")).body("detail", containsString("nothing was stored"));
        server.stubFor(get(urlPathEqualTo("/api/v1/figures")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "1")));
        given().contentType(ContentType.JSON).body(request("EU", ", \"partnershipIds\": [\"" + EU_PARTNERSHIP + "\"]"))
                .post("/api/v1/disclosures").then().statusCode(503);
        server.stubFor(get(urlPathEqualTo("/api/v1/partnerships/" + EU_PARTNERSHIP)).willReturn(aResponse()
                .withStatus(500)));
        given().contentType(ContentType.JSON).body(request("EU", ", \"partnershipIds\": [\"" + EU_PARTNERSHIP + "\"]"))
                .post("/api/v1/disclosures").then().statusCode(503).body("detail", containsString("partnership-service"));
        assertEquals(before, rows());
    }

    @Test
    @Order(13)
    @TestSecurity(user = "ivan", roles = "auditor")
    void theListPagesOldestFirstWithACursor() {
        List<String> all = given().queryParam("limit", 500).get("/api/v1/disclosures").then().statusCode(200)
                .body("next", nullValue()).extract().path("items.id");
        assertTrue(all.size() >= 3, "the steps above stored several disclosures");
        List<String> walked = walk("/api/v1/disclosures");
        assertEquals(all, walked);
        given().queryParam("limit", 0).get("/api/v1/disclosures").then().statusCode(400);
    }

    @Test
    @Order(14)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void aPeriodGivenAsDatesRunsFromMidnightToMidnightInTheReportingTimeZoneAndTheReportNamesIt() throws Exception {
        String start = "2025-12-31T16:00:00Z"; // 2026-01-01 00:00 Asia/Shanghai
        String end = "2026-12-31T16:00:00Z"; // 2027-01-01 00:00 Asia/Shanghai
        sources().stubPartnership(cn());
        int size = Sources.grow();
        sources().stubAudit(size, start, end, cn());
        String id = given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"CN\", \"periodStartDate\": "
                + "\"2026-01-01\", \"periodEndDate\": \"2027-01-01\", \"provisional\": true, \"partnershipIds\": [\""
                + CN_PARTNERSHIP + "\"]}").post("/api/v1/disclosures").then().statusCode(201)
                .body("periodStart", equalTo(start)).body("periodEnd", equalTo(end))
                .body("reportingTimeZone", equalTo("Asia/Shanghai")).extract().path("id");
        given().queryParam("jurisdiction", "CN").queryParam("limit", 500).get("/api/v1/disclosures").then()
                .statusCode(200).body("items.id", hasItem(id))
                .body("items.reportingTimeZone", everyItem(equalTo("Asia/Shanghai")));
        server.verify(WireMock.exactly(1), getRequestedFor(urlPathEqualTo("/api/v1/figures"))
                .withQueryParam("partnershipId", WireMock.equalTo(CN_PARTNERSHIP.toString()))
                .withQueryParam("from", WireMock.equalTo(start)).withQueryParam("to", WireMock.equalTo(end)));

        JsonNode report = json(given().get("/api/v1/disclosures/" + id + "/report.json").then().statusCode(200)
                .header("Content-Disposition", containsString("sightline-disclosure-CN-2026-01-01-2027-01-01-v1.json"))
                .extract().asByteArray());
        assertValid(report);
        assertEquals(start, report.path("periodStart").asText());
        assertEquals(end, report.path("periodEnd").asText());
        assertEquals("Asia/Shanghai", report.path("reportingTimeZone").asText());
        assertEquals("2026-01-01T00:00:00+08:00[Asia/Shanghai]", report.path("periodStartLocal").asText());
        assertEquals("2027-01-01T00:00:00+08:00[Asia/Shanghai]", report.path("periodEndLocal").asText());

        String readable = "1 January 2026 – 1 January 2027 (Asia/Shanghai)";
        String csv = given().get("/api/v1/disclosures/" + id + "/report.csv").then().statusCode(200).extract()
                .asString();
        assertTrue(csv.contains(id + ",,disclosure,reportingTimeZone,,,Asia/Shanghai,,报告时区 / Reporting time zone\r\n"),
                csv);
        assertTrue(csv.contains(id + ",,disclosure,periodStartLocal,,,2026-01-01T00:00:00+08:00[Asia/Shanghai],,"),
                csv);
        assertTrue(csv.contains(id + ",,disclosure,period,end exclusive,," + readable + ",,报告期间 / Period\r\n"),
                csv);
        byte[] pdf = given().get("/api/v1/disclosures/" + id + "/report.pdf").then().statusCode(200).extract()
                .asByteArray();
        String flat;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            flat = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertTrue(flat.contains("报告期间 / Period 2026年1月1日 – 2027年1月1日（Asia/Shanghai），不含结束时刻 / " + readable
                + ", end exclusive"), flat);
        assertTrue(flat.contains("Reporting time zone Asia/Shanghai"), flat);
        assertTrue(flat.contains("Period (UTC) " + start + " – " + end), flat);
    }

    @Test
    @Order(15)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void bobPublishesTheUsDisclosure() {
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + usFirst + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    @Test
    @Order(16)
    void anyoneListsThePublishedDisclosuresMetadataWithoutATokenAndNoDraft() {
        given().get("/api/v1/disclosures").then().statusCode(401);
        var all = given().queryParam("limit", 500).get("/api/v1/public/disclosures").then().statusCode(200)
                .contentType(ContentType.JSON).body("next", nullValue()).extract().jsonPath();
        List<String> ids = all.getList("items.id", String.class);
        List<String> ours = ids.stream().filter(List.of(euFirst, euCorrection, usFirst)::contains).toList();
        assertEquals(List.of(euFirst, usFirst, euCorrection), ours, "the ever published ones, oldest first");
        List<String> drafts = ids("SELECT id FROM disclosure.disclosure WHERE status = 'DRAFT'");
        assertFalse(drafts.isEmpty(), "the steps above left drafts");
        assertTrue(ids.stream().noneMatch(drafts::contains), "no draft is listed: " + ids);
        assertEquals(count("SELECT count(*) FROM disclosure.disclosure WHERE status <> 'DRAFT'"), ids.size());

        Map<String, Object> us = all.getMap("items[" + ids.indexOf(usFirst) + "]");
        assertEquals(List.of("checkpointSize", "digest", "id", "jurisdiction", "keyId", "periodEnd", "periodStart",
                "publishedAt", "reportingTimeZone", "standing", "version"), us.keySet().stream().sorted().toList(),
                "metadata only: no report content, no author or publisher");
        assertEquals("US", us.get("jurisdiction"));
        assertEquals("America/New_York", us.get("reportingTimeZone"), "the zone its period is read in");
        assertEquals(1, us.get("version"));
        assertEquals("CURRENT", us.get("standing"));
        assertEquals(given().get("/api/v1/keys").then().extract().path("keys[0].kid"), us.get("keyId"));
        assertEquals(ids("SELECT digest FROM disclosure.disclosure WHERE id = '" + usFirst + "'"),
                List.of(us.get("digest")));
        assertEquals("SUPERSEDED", all.getString("items[" + ids.indexOf(euFirst) + "].standing"));
        assertEquals("WITHDRAWN", all.getString("items[" + ids.indexOf(euCorrection) + "].standing"));

        List<String> eu = given().queryParam("jurisdiction", "EU").get("/api/v1/public/disclosures").then()
                .statusCode(200).body("items.jurisdiction", everyItem(equalTo("EU")))
                .body("items.reportingTimeZone", everyItem(equalTo("Europe/Brussels"))).extract().path("items.id");
        assertTrue(eu.containsAll(List.of(euFirst, euCorrection)) && !eu.contains(usFirst), eu.toString());
        given().queryParam("jurisdiction", "US-CA").get("/api/v1/public/disclosures").then().statusCode(200)
                .body("items.jurisdiction", everyItem(equalTo("US-CA")));
        given().queryParam("jurisdiction", "XX").get("/api/v1/public/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("jurisdiction"));
        given().queryParam("limit", 0).get("/api/v1/public/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));

        List<String> walked = walk("/api/v1/public/disclosures");
        assertEquals(ids, walked);
    }

    private static List<String> ids(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); var rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertValid(JsonNode report) {
        List<com.networknt.schema.Error> errors = SCHEMA.validate(report);
        assertTrue(errors.isEmpty(), "report validates against the published schema: " + errors);
    }

    private static JsonNode json(byte[] bytes) {
        return CanonicalJson.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of every item of a list, walked two at a time by its cursor. */
    private static List<String> walk(String path) {
        List<String> walked = new ArrayList<>();
        String after = null;
        do {
            var page = given().queryParam("limit", 2);
            if (after != null) {
                page.queryParam("after", after);
            }
            var body = page.get(path).then().statusCode(200).extract().jsonPath();
            walked.addAll(body.getList("items.id", String.class));
            after = body.getString("next");
        } while (after != null);
        return walked;
    }
}
