package dev.sightline.disclosure.verification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier is downloadable without a sign-in, with a digest that matches, and it runs. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
class VerifierDownloadTest {
    @TempDir
    Path dir;

    @Test
    void servesTheRunnableVerifierAndItsDigestToAnyone() throws IOException, InterruptedException,
            NoSuchAlgorithmException {
        byte[] jar = given().get("/api/v1/verifier/sightline-verifier.jar").then().statusCode(200)
                .contentType("application/java-archive")
                .header("Content-Disposition", "attachment; filename=\"sightline-verifier.jar\"")
                .extract().asByteArray();
        String line = given().get("/api/v1/verifier/sightline-verifier.jar.sha256").then().statusCode(200)
                .contentType("text/plain").extract().asString();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        assertEquals(sha256 + "  sightline-verifier.jar\n", line, "sha256sum format, the digest of the bytes served");

        Path file = dir.resolve("sightline-verifier.jar");
        Files.write(file, jar);
        Process verifier = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", file.toString(), "--help").redirectErrorStream(true).start();
        assertTrue(verifier.waitFor(60, TimeUnit.SECONDS), "the verifier answers --help in time");
        String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verifier.exitValue(), output);
        assertTrue(output.startsWith("usage: java -jar sightline-verifier.jar --report"), output);
        assertTrue(output.contains("--expect-key"), output);

        // a PDF without the report attached: the jar reads PDFs (PDFBox is inside) and names what is missing
        Path pdf = dir.resolve("report.pdf");
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(pdf.toFile());
        }
        Path keys = dir.resolve("keys.json");
        Files.write(keys, given().get("/api/v1/keys").then().statusCode(200).extract().asByteArray());
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                file.toString(), "--report", pdf.toString(), "--keys", keys.toString(), "--log-keys", keys.toString())
                .redirectErrorStream(true).start();
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "the verifier checks a PDF in time");
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, check.exitValue(), checked);
        assertTrue(checked.contains("  FAIL pdf: " + pdf + " has no attachment named report.json (it has no "
                + "attachments)"), checked);
    }
}
