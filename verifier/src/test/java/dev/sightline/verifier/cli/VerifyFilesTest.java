package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.verifier.note.Ed25519Keys;
import dev.sightline.verifier.note.Jwk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.sightline.verifier.cli.CliRun.assertUsageError;
import static dev.sightline.verifier.cli.CliRun.concat;
import static dev.sightline.verifier.cli.CliRun.run;
import static dev.sightline.verifier.cli.DisclosureFixture.FIGURE;
import static dev.sightline.verifier.cli.DisclosureFixture.ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every file a disclosure is served as: the JSON report, the PDF with its attachments, the CSV with the manifest. */
class VerifyFilesTest {

    @TempDir
    Path dir;

    private final DisclosureFixture fixture = new DisclosureFixture();

    // ---- genuine files --------------------------------------------------------------------

    @Test
    void verifiesAPdfByTheReportAndSignatureAttachedToIt() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);

        CliRun result = run("--report", files.pdf().toString(), "--keys", files.base().keys().toString(),
                "--log-keys", files.base().logKeys().toString());

        assertEquals(0, result.exit(), result.output());
        assertTrue(line(result, "  ok   pdf: ").startsWith("  ok   pdf: " + files.pdf() + " is a PDF with report.json ("),
                result.output());
        assertLine(result, "  ok   signature: report.json.jws attached to " + files.pdf() + ": EdDSA by key \""
                + DisclosureFixture.KID + "\" of " + files.base().keys());
        assertTrue(line(result, "  ok   report: ").startsWith("  ok   report: report.json attached to " + files.pdf()),
                result.output());
    }

    @Test
    void verifiesACsvAgainstTheSignedManifest() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);

        CliRun result = run(concat(new String[] {"--report", files.csv().toString(), "--keys",
                files.base().keys().toString()}, files.manifestArgs()));

        assertEquals(0, result.exit(), result.output());
        assertTrue(line(result, "  ok   manifest: ").contains("of disclosure " + ID), result.output());
        assertTrue(line(result, "  ok   file report.csv: ").startsWith("  ok   file report.csv: " + files.csv() + ": "),
                result.output());
        assertTrue(line(result, "verified: ").startsWith("verified: " + files.csv() + " is the report.csv of disclosure "
                + ID), result.output());
        assertTrue(!result.output().contains("checkpoint"), "no report, so no log check: " + result.output());
    }

    @Test
    void checksEveryFileOfADisclosureAgainstTheManifest() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        String digest = DisclosureFixture.digest(Files.readAllBytes(files.base().report()));

        CliRun pdfAndCsv = run(concat(new String[] {"--report", files.pdf().toString(), "--report", files.csv().toString(),
                "--keys", files.base().keys().toString(), "--log-keys", files.base().logKeys().toString()},
                files.manifestArgs()));
        assertEquals(0, pdfAndCsv.exit(), pdfAndCsv.output());
        assertLine(pdfAndCsv, "  ok   manifest digest: " + files.manifest() + " names disclosure " + ID
                + " with the report's digest " + digest);
        for (String name : List.of("report.pdf", "report.json", "report.json.jws", "report.csv")) {
            line(pdfAndCsv, "  ok   file " + name + ": ");
        }

        CliRun json = run(concat(files.base().args(), files.manifestArgs()));
        assertEquals(0, json.exit(), json.output());
        assertTrue(line(json, "  ok   file report.json: ").startsWith("  ok   file report.json: " + files.base().report()),
                json.output());
        line(json, "  ok   file report.json.jws: ");
    }

    @Test
    void printsWhatWasPublishedAndWhatTheChecksProveFirst() throws IOException {
        ObjectNode report = fixture.report();
        report.putObject("publication").put("publishedAt", "2026-07-02T09:00:00Z").put("publishedBy", "bob")
                .putObject("attestation").put("name", "Robin Vale").put("title", "Chief Privacy Officer")
                .put("statement", "These figures are complete to the best of my knowledge.");
        DisclosureFixture.Written files = fixture.write(dir, report);

        CliRun result = run(files.args());

        assertEquals(0, result.exit(), result.output());
        List<String> lines = result.output().lines().toList();
        assertTrue(lines.indexOf("What was published") < lines.indexOf("What they do not prove")
                && lines.indexOf("What they do not prove") < lines.indexOf(line(result, "  ok   report: ")),
                "summary before the checks: " + result.output());
        assertLine(result, "  The EU transparency disclosure " + ID + " (version 1) for 2026-01-01T00:00:00Z to "
                + "2026-07-01T00:00:00Z.");
        assertLine(result, "  Status, as the report states it: PUBLISHED (published 2026-07-02T09:00:00Z by bob).");
        assertLine(result, "  Attested by Robin Vale, Chief Privacy Officer: \"These figures are complete to the best of "
                + "my knowledge.\"");
        String fingerprint = Jwk.thumbprint(fixture.reportKey.getPublic());
        assertLine(result, "  - These report bytes (their RFC 8785 form) were signed by the holder of the disclosure key \""
                + DisclosureFixture.KID + "\" (fingerprint " + fingerprint + ").");
        assertTrue(line(result, "  - The figures were taken at audit-log checkpoint 40").contains(
                "extends the one at checkpoint 13 which the previous disclosure"), result.output());
        assertTrue(line(result, "  - That the figures are true or complete").length() > 0);
        assertTrue(line(result, "  info keys: ").contains("fingerprint " + fingerprint), result.output());

        CliRun draft = run(fixture.write(dir, fixture.report()).args());
        assertLine(draft, "  Status, as the report states it: DRAFT (the report names no publication).");
        assertLine(draft, "  The report carries no attestation naming its publisher.");
    }

    // ---- expected keys --------------------------------------------------------------------

    @Test
    void acceptsOnlyTheKeysExpected() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        String disclosureKey = Jwk.thumbprint(fixture.reportKey.getPublic());
        String logKey = Jwk.thumbprint(fixture.logSigner.verifier().publicKey());

        CliRun expected = run(concat(files.base().args(), "--expect-key", disclosureKey, "--expect-key", logKey));
        assertEquals(0, expected.exit(), expected.output());
        assertTrue(line(expected, "  ok   keys: ").endsWith("each is among --expect-key"), expected.output());
        assertTrue(line(expected, "  ok   keys: ").contains(logKey), expected.output());

        String stranger = Jwk.thumbprint(Ed25519Keys.generate().getPublic());
        CliRun other = run(concat(files.base().args(), "--expect-key", stranger, "--expect-key", logKey));
        assertEquals(1, other.exit(), other.output());
        assertLine(other, "  FAIL keys: the disclosure key \"" + DisclosureFixture.KID + "\" of " + files.base().keys()
                + " has fingerprint " + disclosureKey + ", which is not among --expect-key");

        CliRun csv = run(concat(new String[] {"--report", files.csv().toString(), "--keys", files.base().keys().toString(),
                "--expect-key", stranger}, files.manifestArgs()));
        assertEquals(1, csv.exit(), csv.output());
        assertTrue(line(csv, "  FAIL keys: ").contains(disclosureKey), csv.output());
    }

    @Test
    void thumbprintsAKeyAsRfc8037AppendixA3() {
        Jwk key = new Jwk("OKP", "Ed25519", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", null, null, null);
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", key.thumbprint());
    }

    // ---- one changed byte in each file ----------------------------------------------------

    @Test
    void aChangedByteInThePdfsAttachedReportBreaksItsSignature() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        replaceOnce(files.pdf(), FIGURE, "48214");

        CliRun result = run("--report", files.pdf().toString(), "--keys", files.base().keys().toString(),
                "--log-keys", files.base().logKeys().toString());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL signature: report.json.jws attached to " + files.pdf() + " does not verify over the "
                + "canonical form of report.json attached to " + files.pdf() + " with key \"" + DisclosureFixture.KID
                + "\" of " + files.base().keys());
    }

    @Test
    void aChangedByteOnThePdfsPageFailsItsManifestEntry() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        replaceOnce(files.pdf(), DisclosureFixture.PDF_TEXT, DisclosureFixture.PDF_TEXT.replace("EU", "EV"));

        CliRun result = run(concat(new String[] {"--report", files.pdf().toString(), "--keys",
                files.base().keys().toString(), "--log-keys", files.base().logKeys().toString()}, files.manifestArgs()));

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL file report.pdf: ").startsWith("  FAIL file report.pdf: " + files.pdf() + " has "),
                result.output());
        line(result, "  ok   signature: "); // the attachments are untouched
    }

    @Test
    void aPdfWithoutTheAttachmentsIsNamed() throws IOException {
        DisclosureFixture.Written base = fixture.write(dir);
        Path pdf = dir.resolve("bare.pdf");
        Files.write(pdf, DisclosureFixture.pdf(Map.of("notes.txt", "x".getBytes(StandardCharsets.UTF_8))));

        CliRun result = run("--report", pdf.toString(), "--keys", base.keys().toString(), "--log-keys",
                base.logKeys().toString());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL pdf: " + pdf + " has no attachment named report.json (it has notes.txt)");
        assertLine(result, "  skip signature: needs the report attached to " + pdf);
    }

    @Test
    void aChangedByteInTheCsvFailsItsManifestEntry() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        replaceOnce(files.csv(), FIGURE, "48214");

        CliRun result = run(concat(new String[] {"--report", files.csv().toString(), "--keys",
                files.base().keys().toString()}, files.manifestArgs()));

        assertEquals(1, result.exit(), result.output());
        String csv = line(result, "  FAIL file report.csv: ");
        assertTrue(csv.startsWith("  FAIL file report.csv: " + files.csv() + " has ") && csv.contains(", but "
                + files.manifest() + " lists "), result.output());
        line(result, "  ok   manifest: ");
    }

    @Test
    void aChangedByteInTheManifestBreaksItsSignature() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        replaceOnce(files.manifest(), "\"disclosureId\":\"" + ID, "\"disclosureId\":\"" + ID.replace('6', '7'));

        CliRun result = run(concat(new String[] {"--report", files.csv().toString(), "--keys",
                files.base().keys().toString()}, files.manifestArgs()));

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL manifest: " + files.manifestSignature() + " does not verify over the canonical form of "
                + files.manifest() + " with the key its header names in " + files.base().keys());
    }

    @Test
    void aChangedByteInTheJsonFailsItsManifestEntryAndTheManifestDigest() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        replaceOnce(files.base().report(), FIGURE, "48214");

        CliRun result = run(concat(files.base().args(), files.manifestArgs()));

        assertEquals(1, result.exit(), result.output());
        line(result, "  FAIL signature: ");
        assertTrue(line(result, "  FAIL manifest digest: ").contains("its digest is "), result.output());
        line(result, "  FAIL file report.json: ");
    }

    @Test
    void aManifestOfAnotherReportIsNamed() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        byte[] other = DisclosureFixture.manifest("0".repeat(64), new LinkedHashMap<>(Map.of(
                "report.json", Files.readAllBytes(files.base().report()))));
        Files.write(files.manifest(), other);
        Files.writeString(files.manifestSignature(), fixture.sign(other));

        CliRun result = run(concat(files.base().args(), files.manifestArgs()));

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL manifest digest: ").contains("its digest is " + "0".repeat(64)), result.output());
        assertTrue(line(result, "  FAIL file report.json.jws: ").contains("lists no report.json.jws"), result.output());
    }

    // ---- usage ----------------------------------------------------------------------------

    @Test
    void saysWhatEachKindOfFileNeeds() throws IOException {
        DisclosureFixture.Served files = fixture.writeServed(dir);
        String keys = files.base().keys().toString();
        assertUsageError("error: missing --manifest and --manifest-signature (a CSV is checked against the signed "
                + "manifest)", "--report", files.csv().toString(), "--keys", keys);
        assertUsageError("error: missing --signature (a JSON report needs its report.json.jws), --log-keys (a report's "
                + "checkpoint is signed by the audit log)", "--report", files.base().report().toString(), "--keys", keys);
        assertUsageError("error: --report " + files.pdf() + " is a second report (JSON or PDF): give one of each kind",
                "--report", files.base().report().toString(), "--report", files.pdf().toString(), "--keys", keys);
        assertUsageError("error: --manifest and --manifest-signature go together", "--report",
                files.csv().toString(), "--keys", keys, "--manifest", files.manifest().toString());
        assertUsageError("error: --expect-key must be a key fingerprint: the 43 base64url characters of an RFC 7638 "
                + "SHA-256 thumbprint, found abc", concat(files.base().args(), "--expect-key", "abc"));
    }

    // ---- helpers --------------------------------------------------------------------------

    private static void assertLine(CliRun result, String expected) {
        assertTrue(result.output().lines().anyMatch(expected::equals), () -> "no line\n" + expected + "\nin\n" + result.output());
    }

    /** The one output line starting with {@code prefix}. */
    private static String line(CliRun result, String prefix) {
        List<String> lines = result.output().lines().filter(l -> l.startsWith(prefix)).toList();
        if (lines.size() != 1) {
            fail("expected one line starting with " + prefix + " in\n" + result.output());
        }
        return lines.get(0);
    }

    /** Changes a file's bytes in one place (as Latin-1, so binary files survive), failing unless it occurs once. */
    private static void replaceOnce(Path file, String from, String to) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, () -> from + " does not occur exactly once in " + file);
        Files.write(file, (text.substring(0, at) + to + text.substring(at + from.length()))
                .getBytes(StandardCharsets.ISO_8859_1));
    }
}
