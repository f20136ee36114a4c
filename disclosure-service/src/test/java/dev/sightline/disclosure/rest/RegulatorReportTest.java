package dev.sightline.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ServiceStub;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.jws.DetachedJws;
import dev.sightline.verifier.note.Jwk;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a regulator files, over real HTTP and PostgreSQL: a CN disclosure recorded in Chinese reads back from its PDF
 * with every character; the PDF/A-3 carries the served report.json and its JWS byte for byte; the signed manifest
 * names the digests of the files as served; the publisher's attestation is in all three formats; the CSV opens in
 * spreadsheets (byte-order mark) and parses as RFC 4180; an unfinished period is refused unless provisional, which
 * then shows on every page; text the font cannot print fails the draft loudly; and the list says which one counts.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegulatorReportTest {
    private static final String START = "2026-01-01T00:00:00Z";
    private static final String END = "2026-07-01T00:00:00Z";
    private static final UUID PARTNER = UUID.randomUUID();
    private static final UUID CN_PARTNERSHIP = UUID.randomUUID();
    private static final UUID US_PARTNERSHIP = UUID.randomUUID();
    private static final String FILING = "网信算备110108000000001号";
    private static final String STATEMENT = "本人证明本披露真实、准确、完整。I attest that this disclosure is complete and "
            + "accurate.";
    private static final String ATTESTATION = "{\"attestation\": {\"name\": \"王芳\", \"title\": \"首席隐私官 Chief "
            + "Privacy Officer\", \"statement\": \"" + STATEMENT + "\"}}";
    private static String cnFirst;
    private static String cnSecond;

    @ServiceStub.Server
    WireMockServer server;

    private Sources sources() {
        return new Sources(server);
    }

    private static ObjectNode cn() {
        return Sources.chinesePartnership(CN_PARTNERSHIP, PARTNER, "PRT-2026-0101", "CN");
    }

    private static String cnRequest(String start, String end) {
        return "{\"jurisdiction\": \"CN\", \"periodStart\": \"" + start + "\", \"periodEnd\": \"" + end
                + "\", \"partnershipIds\": [\"" + CN_PARTNERSHIP + "\"]}";
    }

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void refusesAPeriodThatHasNotEndedUnlessTheReportIsProvisionalAndThenSaysSoOnEveryPage() throws IOException {
        long before = rows();
        String start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String end = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "{\"jurisdiction\": \"US\", \"periodStart\": \"" + start + "\", \"periodEnd\": \"" + end
                + "\", \"partnershipIds\": [\"" + US_PARTNERSHIP + "\"]";
        given().contentType(ContentType.JSON).body(body + "}").post("/api/v1/disclosures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("periodEnd"))
                .body("errors[0].message", containsString("provisional"));
        assertEquals(before, rows(), "nothing stored");

        ObjectNode us = Sources.partnership(US_PARTNERSHIP, PARTNER, "PRT-2026-0102", "US");
        sources().stubPartnership(us);
        sources().stubAudit(Sources.grow(), start, end, us);
        String id = given().contentType(ContentType.JSON).body(body + ", \"provisional\": true}")
                .post("/api/v1/disclosures").then().statusCode(201).extract().path("id");
        JsonNode report = json(given().get("/api/v1/disclosures/" + id + "/report.json").then().statusCode(200)
                .extract().asByteArray());
        assertTrue(report.path("provisional").asBoolean());
        assertTrue(report.path("limitations").path(0).path("en").asText().startsWith("PROVISIONAL"));
        String csv = new String(given().get("/api/v1/disclosures/" + id + "/report.csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.contains(id + ",,disclosure,provisional,,,true,,"), csv);
        byte[] pdf = given().get("/api/v1/disclosures/" + id + "/report.pdf").then().statusCode(200).extract()
                .asByteArray();
        List<String> pages = pages(pdf);
        assertTrue(pages.size() > 2, "several pages");
        for (int i = 0; i < pages.size(); i++) {
            assertTrue(pages.get(i).contains("PROVISIONAL"), "page " + (i + 1) + " says PROVISIONAL");
            assertTrue(pages.get(i).contains(id), "page " + (i + 1) + " names the disclosure");
        }
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void textTheReportFontCannotPrintFailsTheDraftLoudlyAndStoresNothing() {
        long before = rows();
        UUID id = UUID.randomUUID();
        ObjectNode odd = Sources.chinesePartnership(id, UUID.randomUUID(), "PRT-2026-0103", "CN");
        odd.put("title", "Assistant \uD83D\uDE42 and ሀ");
        sources().stubPartnership(odd);
        sources().stubAudit(Sources.grow(), START, END, odd);
        given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"CN\", \"periodStart\": \"" + START
                + "\", \"periodEnd\": \"" + END + "\", \"partnershipIds\": [\"" + id + "\"]}")
                .post("/api/v1/disclosures").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("partnerships[0].title"))
                .body("detail", containsString("U+1F642")).body("detail", containsString("nothing was stored"));
        assertEquals(before, rows());
    }

    @Test
    @Order(3)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void generatesACnDraftInChineseAndEnglishWithViolationsExplained() {
        sources().stubPartnership(cn(), Sources.CHINESE_PARTNER);
        sources().stubAudit(Sources.grow(), START, END, cn());
        cnFirst = given().contentType(ContentType.JSON).body(cnRequest(START, END)).post("/api/v1/disclosures")
                .then().statusCode(201).body("standing", equalTo("DRAFT")).body("current", equalTo(false))
                .extract().path("id");
        JsonNode report = json(given().get("/api/v1/disclosures/" + cnFirst + "/report.json").then().statusCode(200)
                .extract().asByteArray());
        assertEquals(List.of("zh", "en"), texts(report.path("languages")));
        assertEquals("中国个人信息出境披露", report.path("titleZh").asText());
        assertEquals("不允许的处理方式", report.path("labels").path("MODE_NOT_ALLOWED").path("zh").asText());
        assertEquals("Message text", report.path("labels").path("user.content.text").path("en").asText());
        assertEquals("Larkspur Devices GmbH (fictional)", report.path("accountability").path("company")
                .path("legalName").asText());
        assertEquals(List.of("data-protection-officer", "cac-contact"), texts(report.path("accountability")
                .path("contacts"), "role"));
        assertTrue(report.path("methodology").path("definitions").size() >= 3);
        assertEquals("Asia/Shanghai", report.path("methodology").path("reportingTimeZone").asText());
        assertTrue(report.path("figuresAsOf").isTextual());
        assertEquals(Sources.LOG_KEY.verifier().jwk().thumbprint(),
                report.path("attestation").path("logKey").path("thumbprint").asText());
        JsonNode p = report.path("partnerships").path(0);
        assertEquals("alice", p.path("owner").asText());
        assertEquals(Sources.CHINESE_PARTNER, p.path("partner").path("legalName").asText());
        JsonNode country = p.path("compliance").path("violations").path(0);
        assertEquals("COUNTRY_NOT_ALLOWED", country.path("kind").asText());
        assertEquals("2026-03-02T08:15:00Z", country.path("firstAt").asText());
        assertEquals("dataPolicy.allowedCountries", country.path("clause").path("path").asText());
        assertEquals("DE", country.path("clause").path("terms").asText());
        assertEquals(List.of("境外处理仅限新加坡，依据个人信息出境标准合同", "Outside mainland China, user data is processed only in "
                + "Singapore"), texts(country.path("contradicts")));
        assertEquals("REMEDIATED", country.path("remediation").path("status").asText());
        assertTrue(p.path("compliance").path("violations").path(1).path("remediation").isMissingNode(),
                "no remediation recorded: none stated");
        assertEquals(List.of("CN_SECURITY_ASSESSMENT"), texts(p.path("thresholds").path(0).path("coveredBy")));
        assertEquals(40, p.path("thresholds").path(0).path("inferredFromMarkets").asInt());
    }

    @Test
    @Order(4)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void thePublisherAttestsWhenPublishing() {
        given().contentType(ContentType.JSON).body("{\"attestation\": {\"name\": \"王芳\", \"title\": \"CPO\", "
                + "\"statement\": \"I attest \uD83D\uDE42\"}}").post("/api/v1/disclosures/" + cnFirst + "/publish")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("attestation.statement"));
        given().contentType(ContentType.JSON).body("{\"attestation\": {\"name\": \"王芳\", \"title\": \" \"}}")
                .post("/api/v1/disclosures/" + cnFirst + "/publish").then().statusCode(400);
        given().get("/api/v1/disclosures/" + cnFirst + "/manifest.json").then().statusCode(404);
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + cnFirst + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("standing", equalTo("CURRENT"))
                .body("current", equalTo(true));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "chen", roles = "regulator", attributes = @SecurityAttribute(key = "jurisdictions",
            value = "CN"))
    void aRegulatorGetsFilesThatVerifyOnTheirOwnAndReadInChinese() throws Exception {
        String base = "/api/v1/disclosures/" + cnFirst;
        byte[] json = given().get(base + "/report.json").then().statusCode(200).extract().asByteArray();
        byte[] jws = given().get(base + "/report.json.jws").then().statusCode(200).extract().asByteArray();
        byte[] csv = given().get(base + "/report.csv").then().statusCode(200).extract().asByteArray();
        byte[] pdf = given().get(base + "/report.pdf").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertArrayEquals(csv, given().get(base + "/report.csv").then().extract().asByteArray(), "CSV served as stored");
        assertArrayEquals(pdf, given().accept("application/pdf").get(base).then().extract().asByteArray(),
                "PDF served as stored");
        Files.write(Path.of("target/regulator-CN.pdf"), pdf);
        Map<String, Jwk> keys = keys();

        // the manifest: every file's digest as served, signed like the report
        byte[] manifest = given().get(base + "/manifest.json").then().statusCode(200).contentType(ContentType.JSON)
                .extract().asByteArray();
        String manifestJws = given().get(base + "/manifest.json.jws").then().statusCode(200)
                .contentType(containsString("application/jose")).extract().asString();
        assertArrayEquals(manifest, CanonicalJson.canonicalize(json(manifest)), "canonical");
        DetachedJws.verify(manifestJws, manifest, Map.of(keys.keySet().iterator().next(),
                keys.values().iterator().next().toPublicKey()));
        JsonNode m = json(manifest);
        assertEquals(cnFirst, m.path("disclosureId").asText());
        assertEquals(sha256(json), m.path("digest").asText());
        Map<String, byte[]> served = Map.of("report.json", json, "report.json.jws", jws, "report.csv", csv,
                "report.pdf", pdf);
        assertEquals(List.of("report.json", "report.json.jws", "report.csv", "report.pdf"), texts(m.path("files"),
                "name"));
        for (JsonNode file : m.path("files")) {
            byte[] bytes = served.get(file.path("name").asText());
            assertEquals(sha256(bytes), file.path("sha256").asText(), file.toString());
            assertEquals(bytes.length, file.path("size").asLong(), file.toString());
        }
        assertEquals("text/csv; charset=UTF-8; header=present", m.path("files").path(2).path("mediaType").asText());

        // the PDF: PDF/A-3 with the served JSON and JWS inside, tagged, every Chinese character readable
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            Map<String, PDComplexFileSpecification> files = catalog.getNames().getEmbeddedFiles().getNames();
            assertArrayEquals(json, files.get("report.json").getEmbeddedFile().toByteArray());
            assertArrayEquals(jws, files.get("report.json.jws").getEmbeddedFile().toByteArray());
            assertEquals("Source", files.get("report.json").getCOSObject().getNameAsString("AFRelationship"));
            assertEquals(2, catalog.getCOSObject().getCOSArray(COSName.getPDFName("AF"))
                    .size(), "associated files");
            String xmp = new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertTrue(xmp.matches("(?s).*pdfaid:part(>|=\")3.*"), "PDF/A-3: " + xmp);
            assertTrue(catalog.getMarkInfo() != null && catalog.getMarkInfo().isMarked(), "tagged");
            assertNotNull(catalog.getStructureTreeRoot(), "structure tree");
            text = new PDFTextStripper().getText(document);
        }
        String flat = text.replaceAll("\\s+", " ");
        for (String expected : List.of(Sources.CHINESE_PARTNER, "云端助手、智能输入与翻译合作", FILING, "云雀大模型", "语音助手",
                "王芳", "首席隐私官", "本人证明本披露真实、准确、完整。", "法域 / Jurisdiction", "中国个人信息出境披露",
                "不允许的处理方式", "责任主体 / Who is accountable", "境外处理仅限新加坡，依据个人信息出境标准合同")) {
            assertTrue(flat.contains(expected), "the PDF reads back " + expected + ": " + flat);
        }
        List<String> pages = pages(pdf);
        String digest = sha256(json);
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i).replaceAll("\\s+", " ");
            assertTrue(page.contains(cnFirst) && page.contains(digest), "page " + (i + 1) + " header: " + page);
            assertTrue(page.contains((i + 1) + " / " + pages.size()), "page " + (i + 1) + " numbered: " + page);
        }

        // the attestation, in the JSON and the CSV as well
        assertEquals("王芳", json(json).path("publication").path("attestation").path("name").asText());
        assertEquals(STATEMENT, json(json).path("publication").path("attestation").path("statement").asText());
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, Arrays.copyOf(csv, 3), "BOM");
        List<List<String>> records = rfc4180(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8));
        assertEquals(List.of("disclosureId", "partnership", "section", "metric", "dimension", "dimensionValue",
                "value", "unit", "label"), records.get(0));
        for (List<String> record : records.subList(1, records.size())) {
            assertEquals(9, record.size(), record.toString());
            assertEquals(cnFirst, record.get(0), record.toString());
        }
        assertTrue(records.contains(List.of(cnFirst, "", "disclosure", "attestation", "field", "statement", STATEMENT,
                "", "声明内容 / Statement")), "attestation in the CSV");
        assertTrue(records.contains(List.of(cnFirst, "PRT-2026-0101", "compliance", "violations", "kind",
                "MODE_NOT_ALLOWED", "5", "events", "违规次数 / Violations · 违规类型 / Violation kind: 不允许的处理方式 / "
                        + "Processing mode not allowed")), "Chinese labels in the CSV");
    }

    @Test
    @Order(6)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void anOverlappingCorrectionIsDrafted() {
        sources().stubAudit(Sources.grow(), "2026-04-01T00:00:00Z", END, cn());
        cnSecond = given().contentType(ContentType.JSON).body(cnRequest("2026-04-01T00:00:00Z", END))
                .post("/api/v1/disclosures").then().statusCode(201).extract().path("id");
    }

    @Test
    @Order(7)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void whenItIsPublishedItCountsForTheOverlap() {
        given().contentType(ContentType.JSON).body(ATTESTATION).post("/api/v1/disclosures/" + cnSecond + "/publish")
                .then().statusCode(200).body("standing", equalTo("CURRENT"))
                .body("overlaps", equalTo(List.of(cnFirst)));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "chen", roles = "regulator", attributes = @SecurityAttribute(key = "jurisdictions",
            value = "CN"))
    void theListSaysWhichOneCounts() {
        given().queryParam("jurisdiction", "CN").get("/api/v1/disclosures").then().statusCode(200)
                .body("items.find { it.id == '" + cnFirst + "' }.standing", equalTo("OVERLAPPED"))
                .body("items.find { it.id == '" + cnFirst + "' }.current", equalTo(false))
                .body("items.find { it.id == '" + cnSecond + "' }.standing", equalTo("CURRENT"))
                .body("items.find { it.id == '" + cnSecond + "' }.current", equalTo(true));
        given().get("/api/v1/disclosures/" + cnFirst + "/metadata").then().statusCode(200)
                .body("standing", equalTo("OVERLAPPED")).body("overlaps", equalTo(List.of(cnSecond)));
    }

    private static Map<String, Jwk> keys() {
        JsonNode key = json(given().get("/api/v1/keys").then().statusCode(200).extract().asByteArray()).path("keys")
                .path(0);
        Jwk jwk = new Jwk(key.path("kty").asText(), key.path("crv").asText(), key.path("x").asText(),
                key.path("kid").asText(), key.path("alg").asText(), key.path("use").asText());
        return Map.of(jwk.kid(), jwk);
    }

    /** Each page's text. */
    private static List<String> pages(byte[] pdf) throws IOException {
        List<String> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(document));
            }
        }
        return pages;
    }

    /** RFC 4180, strictly: CRLF line ends, quoted fields with doubled quotes; anything else fails. */
    static List<List<String>> rfc4180(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new AssertionError("unterminated quoted field");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    char c = text.charAt(i++);
                    if (c == '"' || c == '\n') {
                        throw new AssertionError("bare " + (c == '"' ? "quote" : "LF") + " at " + i);
                    }
                    field.append(c);
                }
            }
            record.add(field.toString());
            field.setLength(0);
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            } else if (text.startsWith("\r\n", i)) {
                i += 2;
                records.add(record);
                record = new ArrayList<>();
            } else if (i < text.length()) {
                throw new AssertionError("unexpected character at " + i);
            }
        }
        if (!record.isEmpty()) {
            throw new AssertionError("the last record does not end with CRLF");
        }
        return records;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonNode json(byte[] bytes) {
        return CanonicalJson.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    private static long rows() {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
                Statement s = c.createStatement(); var rows = s.executeQuery(
                        "SELECT count(*) FROM disclosure.disclosure")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
