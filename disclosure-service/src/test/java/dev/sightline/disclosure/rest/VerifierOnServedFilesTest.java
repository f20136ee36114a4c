package dev.sightline.disclosure.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ServiceStub;
import dev.sightline.verifier.cli.VerifyDisclosure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier on the files the service really serves, over HTTP and PostgreSQL: a published disclosure's
 * report.json, report.json.jws, report.csv, report.pdf, manifest.json and manifest.json.jws, downloaded as a regulator
 * downloads them, pass the verifier's command (the JSON with its signature, the PDF through its attachments, the CSV
 * through the signed manifest); each with one byte changed where it matters (a figure of the JSON, a figure of the
 * report attached to the PDF, the PDF's own body, a figure row of the CSV) fails, naming the check; and a fingerprint
 * given with --expect-key that is not the disclosure key's fails, naming the key.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
@WithTestResource(value = SourcesStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifierOnServedFilesTest {
    private static final String START = "2026-01-01T00:00:00Z";
    private static final String END = "2026-07-01T00:00:00Z";
    private static final UUID PARTNERSHIP = UUID.randomUUID();
    private static String id;

    @ServiceStub.Server
    WireMockServer server;

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = "disclosure-author")
    void aDisclosureIsDrafted() {
        ObjectNode partnership = Sources.partnership(PARTNERSHIP, UUID.randomUUID(), "PRT-2026-0301", "US");
        Sources sources = new Sources(server);
        sources.stubPartnership(partnership);
        sources.stubAudit(Sources.grow(), START, END, partnership);
        id = given().contentType(ContentType.JSON).body("{\"jurisdiction\": \"US-CA\", \"periodStart\": \"" + START
                + "\", \"periodEnd\": \"" + END + "\", \"partnershipIds\": [\"" + PARTNERSHIP + "\"]}")
                .post("/api/v1/disclosures").then().statusCode(201).extract().path("id");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "bob", roles = "disclosure-publisher")
    void andPublished() {
        given().contentType(ContentType.JSON).body("{\"attestation\": {\"name\": \"Robert Brandt\", \"title\": "
                + "\"Chief Privacy Officer\", \"statement\": \"I attest that this disclosure is complete.\"}}")
                .post("/api/v1/disclosures/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "dana", roles = "regulator", attributes = @SecurityAttribute(key = "jurisdictions",
            value = "US-CA"))
    void theVerifierPassesEachServedFileAndNamesTheCheckAByteChangeFails(@TempDir Path dir) throws IOException {
        String base = "/api/v1/disclosures/" + id;
        byte[] json = download(base + "/report.json");
        byte[] csv = download(base + "/report.csv");
        byte[] pdf = download(base + "/report.pdf");
        Path report = Files.write(dir.resolve("report.json"), json);
        Path jws = Files.write(dir.resolve("report.json.jws"), download(base + "/report.json.jws"));
        Path csvFile = Files.write(dir.resolve("report.csv"), csv);
        Path pdfFile = Files.write(dir.resolve("report.pdf"), pdf);
        Path manifest = Files.write(dir.resolve("manifest.json"), download(base + "/manifest.json"));
        Path manifestJws = Files.write(dir.resolve("manifest.json.jws"), download(base + "/manifest.json.jws"));
        Path keys = Files.write(dir.resolve("keys.json"), download("/api/v1/keys"));
        Path logKeys = Files.writeString(dir.resolve("log-keys.json"), Sources.logKeys());
        List<String> withKeys = List.of("--keys", keys.toString(), "--log-keys", logKeys.toString());
        List<String> withManifest = List.of("--keys", keys.toString(), "--manifest", manifest.toString(),
                "--manifest-signature", manifestJws.toString());

        // as served, each passes
        verified(args(List.of("--report", report.toString(), "--signature", jws.toString()), withKeys));
        String pdfChecked = verified(args(List.of("--report", pdfFile.toString()), withKeys));
        assertTrue(pdfChecked.contains("  ok   pdf: " + pdfFile + " is a PDF with report.json"), pdfChecked);
        String csvChecked = verified(args(List.of("--report", csvFile.toString()), withManifest));
        assertTrue(csvChecked.contains("  ok   file report.csv: "), csvChecked);
        verified(args(List.of("--report", pdfFile.toString(), "--report", csvFile.toString(),
                "--log-keys", logKeys.toString()), withManifest));

        // a figure of the JSON: the signature no longer verifies
        String figure = "\"events\":1200,";
        Files.write(report, flip(json, indexOf(json, figure, 0) + figure.indexOf('1')));
        notVerified(args(List.of("--report", report.toString(), "--signature", jws.toString()), withKeys),
                "  FAIL signature: ");

        // a figure of the report.json attached to the PDF: the attachment's signature no longer verifies
        int attached = indexOf(pdf, new String(json, StandardCharsets.UTF_8), 0);
        Files.write(pdfFile, flip(pdf, indexOf(pdf, figure, attached) + figure.indexOf('1')));
        notVerified(args(List.of("--report", pdfFile.toString()), withKeys), "  FAIL signature: ");

        // the PDF's own body (the PDF/A part its metadata claims, 3 becoming 4): the manifest no longer lists its bytes
        Files.write(pdfFile, flip(pdf, indexOf(pdf, "<pdfaid:part>3<", 0) + "<pdfaid:part>".length()));
        String body = notVerified(args(List.of("--report", pdfFile.toString(), "--log-keys", logKeys.toString()),
                withManifest), "  FAIL file report.pdf: ");
        assertTrue(body.contains("  ok   signature: "), "the attachments are untouched: " + body);

        // a figure row of the CSV
        int row = indexOf(csv, ",1200,events,", 0);
        Files.write(csvFile, flip(csv, row + 1));
        notVerified(args(List.of("--report", csvFile.toString()), withManifest), "  FAIL file report.csv: ");

        // a fingerprint obtained another way that is not the disclosure key's: the key is named
        Files.write(csvFile, csv);
        String kid = given().get("/api/v1/keys").then().extract().path("keys[0].kid");
        String other = Sources.LOG_KEY.verifier().jwk().thumbprint();
        String wrongKey = notVerified(args(List.of("--report", csvFile.toString(), "--expect-key", other),
                withManifest), "  FAIL keys: ");
        assertTrue(wrongKey.contains("\"" + kid + "\"") && wrongKey.contains("fingerprint " + kid
                + ", which is not among --expect-key"), wrongKey);
        assertTrue(wrongKey.contains("  ok   file report.csv: "), "the file itself is as listed: " + wrongKey);
    }

    private static byte[] download(String path) {
        return given().get(path).then().statusCode(200).extract().asByteArray();
    }

    private static String[] args(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    private static String verified(String... args) {
        Run run = run(args);
        assertEquals(VerifyDisclosure.EXIT_VERIFIED, run.code(), run.output());
        String verdict = run.output().substring(run.output().indexOf("\nverified: ") + 1);
        assertTrue(verdict.startsWith("verified: ") && verdict.contains("disclosure " + id), run.output());
        return run.output();
    }

    private static String notVerified(String[] args, String failure) {
        Run run = run(args);
        assertEquals(VerifyDisclosure.EXIT_NOT_VERIFIED, run.code(), run.output());
        assertTrue(run.output().contains(failure), "names the check (" + failure.trim() + "): " + run.output());
        assertFalse(run.output().contains("\nverified:"), run.output());
        return run.output();
    }

    private record Run(int code, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new VerifyDisclosure(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    /** The bytes with one changed: a digit becomes the next digit, anything else its neighbour in ASCII. */
    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] = copy[at] == '9' ? (byte) '0' : (byte) (copy[at] + 1);
        return copy;
    }

    private static int indexOf(byte[] bytes, String text, int from) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("\"" + text + "\" is not in the file");
    }
}
