package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.sightline.verifier.cli.CliRun.assertUsageError;
import static dev.sightline.verifier.cli.CliRun.concat;
import static dev.sightline.verifier.cli.CliRun.run;
import static dev.sightline.verifier.cli.DisclosureFixture.FIGURE;
import static dev.sightline.verifier.cli.DisclosureFixture.ID;
import static dev.sightline.verifier.cli.DisclosureFixture.PREVIOUS_ID;
import static dev.sightline.verifier.cli.DisclosureFixture.PREVIOUS_SIZE;
import static dev.sightline.verifier.cli.DisclosureFixture.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class VerifyDisclosureTest {

    @TempDir
    Path dir;

    private final DisclosureFixture fixture = new DisclosureFixture();

    // ---- a genuine disclosure -------------------------------------------------------------

    @Test
    void verifiesAGenuineDisclosureWithItsPrevious() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String digest = DisclosureFixture.digest(Files.readAllBytes(files.report()));

        CliRun result = run(files.args(), "--digest", digest);

        assertEquals(0, result.exit(), result.output());
        assertLine(result, "Disclosure   " + ID);
        assertLine(result, "Jurisdiction EU");
        assertLine(result, "Period       2026-01-01T00:00:00Z to 2026-07-01T00:00:00Z");
        assertLine(result, "Version      1 (template EU 2026.1, rule set 2026.1)");
        assertLine(result, "  ok   report: " + files.report() + " is JSON; digest (SHA-256 of its RFC 8785 form) " + digest);
        assertLine(result, "  ok   digest: equals --digest");
        assertLine(result, "  ok   signature: " + files.signature() + ": EdDSA by key \"disclosure-2026-1\" of " + files.keys());
        assertLine(result, "  ok   checkpoint: log sightline.example/audit-log at size " + SIZE + ", root "
                + DisclosureFixture.b64(fixture.root(SIZE)) + ", signed by " + fixture.logSigner.verifier().name() + "+"
                + fixture.logSigner.verifier().keyIdHex() + " of " + files.logKeys());
        assertLine(result, "  ok   consistency: the log at size " + SIZE + " extends the one at size " + PREVIOUS_SIZE
                + " attested by disclosure " + PREVIOUS_ID + " (proof of " + fixture.consistencyProof(PREVIOUS_SIZE, SIZE).size()
                + " hashes)");
        assertLine(result, "  ok   previous report: " + files.previous() + " is disclosure " + PREVIOUS_ID
                + " (EU, version 1) at size " + PREVIOUS_SIZE + ", root " + DisclosureFixture.b64(fixture.root(PREVIOUS_SIZE)));
        assertLine(result, "verified: disclosure " + ID + " (EU, version 1, digest " + digest
                + ") is signed by key \"disclosure-2026-1\" and attests the audit log at size " + SIZE
                + ", an extension of the log at disclosure " + PREVIOUS_ID + " (size " + PREVIOUS_SIZE + ")");
        assertTrue(!result.output().contains("FAIL") && !result.output().contains("skip"), result.output());
    }

    @Test
    void verifiesWithoutTheOptionalInputs() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        CliRun result = run(Arrays.copyOf(files.args(), 8));
        assertEquals(0, result.exit(), result.output());
        assertTrue(!result.output().contains("previous report") && !result.output().contains("digest:"), result.output());
    }

    @Test
    void theFirstDisclosureOfAJurisdictionHasNoConsistencyToCheck() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir, fixture.previousReport());
        CliRun result = run(Arrays.copyOf(files.args(), 8));
        assertEquals(0, result.exit(), result.output());
        assertLine(result, "  ok   consistency: first disclosure of EU: no previous checkpoint, nothing to check");
        assertTrue(result.output().contains("attests the audit log at size " + PREVIOUS_SIZE + ", the first disclosure of EU"),
                result.output());
    }

    @Test
    void acceptsAnyJsonWithTheSignedCanonicalForm() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String digest = DisclosureFixture.digest(Files.readAllBytes(files.report()));
        // Whitespace, member order and number spelling differ; the canonical form does not.
        String pretty = fixture.report().toPrettyString();
        String reformatted = pretty.replace("\"size\" : " + SIZE + ",", "\"size\" : " + SIZE + ".0e0,");
        assertTrue(!reformatted.equals(pretty));
        Files.writeString(files.report(), reformatted + "\n");

        CliRun result = run(files.args(), "--digest", digest.toUpperCase());

        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("digest (SHA-256 of its RFC 8785 form) " + digest), result.output());
    }

    // ---- one changed byte in each input ---------------------------------------------------

    @Test
    void aChangedFigureBreaksTheSignatureAndTheDigest() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String digest = DisclosureFixture.digest(Files.readAllBytes(files.report()));
        replaceOnce(files.report(), FIGURE, "48214");

        CliRun result = run(files.args(), "--digest", digest);

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL digest: " + files.report() + " has digest "
                + DisclosureFixture.digest(Files.readAllBytes(files.report())) + ", but --digest expects " + digest);
        assertLine(result, "  FAIL signature: " + files.signature() + " does not verify over the canonical form of "
                + files.report() + " with key \"disclosure-2026-1\" of " + files.keys());
        assertLine(result, "NOT verified: 2 check(s) failed");
        // The log attestation is independent of the figures and still holds.
        assertTrue(result.output().contains("  ok   checkpoint: ") && result.output().contains("  ok   consistency: "),
                result.output());
    }

    @Test
    void aChangedSignatureCharacterFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String jws = Files.readString(files.signature()).strip();
        int i = jws.indexOf("..") + 2 + 20;
        String changed = jws.substring(0, i) + (jws.charAt(i) == 'A' ? 'B' : 'A') + jws.substring(i + 1);
        Files.writeString(files.signature(), changed + "\n");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL signature: " + files.signature() + " does not verify over the canonical form of "
                + files.report() + " with key \"disclosure-2026-1\" of " + files.keys());
        assertLine(result, "NOT verified: 1 check(s) failed");
    }

    @Test
    void aMangledSignatureFileNamesIt() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String jws = Files.readString(files.signature()).strip();
        Files.writeString(files.signature(), jws.replace("..", ".e30."));

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL signature: " + files.signature()
                + ": the payload part must be empty (detached payload, RFC 7515 appendix F)");
    }

    @Test
    void aChangedKeyFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String x = CanonicalJson.parse(Files.readString(files.keys())).get("keys").get(0).get("x").textValue();
        String changed = (x.charAt(0) == 'A' ? 'B' : 'A') + x.substring(1);
        replaceOnce(files.keys(), x, changed);

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        String line = line(result, "  FAIL signature: ");
        // Another 32-byte value is either another key or no curve point at all; both name the key set.
        assertTrue(line.equals("  FAIL signature: " + files.signature() + " does not verify over the canonical form of "
                        + files.report() + " with key \"disclosure-2026-1\" of " + files.keys())
                || line.equals("  FAIL signature: key \"disclosure-2026-1\" of " + files.keys()
                        + " is not a valid Ed25519 public key"), line);
    }

    @Test
    void aChangedKidIsAnUnknownKey() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        replaceOnce(files.keys(), "\"disclosure-2026-1\"", "\"disclosure-2026-2\"");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL signature: no key with kid \"disclosure-2026-1\" in " + files.keys()
                + " (it has \"disclosure-2026-2\")");
    }

    @Test
    void aMalformedKeyNamesTheKeySet() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        replaceOnce(files.keys(), "\"Ed25519\"", "\"Ed448\"");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL signature: key \"disclosure-2026-1\" of " + files.keys() + " is malformed: not an Ed25519 OKP key");
    }

    @Test
    void aChangedLogKeyFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String noteKey = fixture.logSigner.verifier().encoded();
        // A character of the base64 key, after <name>+<key id>+ (the base64 itself may contain '+').
        int i = noteKey.indexOf('+', noteKey.indexOf('+') + 1) + 10;
        replaceOnce(files.logKeys(), noteKey, noteKey.substring(0, i) + (noteKey.charAt(i) == 'A' ? 'B' : 'A')
                + noteKey.substring(i + 1));

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL checkpoint: " + files.logKeys() + " has no usable note key (left out of " + files.logKeys()
                + ": keys[0] (kid " + fixture.logSigner.verifier().keyIdHex()
                + "): noteKey is malformed: verifier key id does not match the key)");
        assertLine(result, "NOT verified: 1 check(s) failed");
    }

    @Test
    void aLogKeyWhoseXDisagreesWithItsNoteKeyIsLeftOut() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String x = fixture.logSigner.verifier().jwk().x();
        replaceOnce(files.logKeys(), x, (x.charAt(0) == 'A' ? 'B' : 'A') + x.substring(1));

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL checkpoint: ").contains(files.logKeys() + ": keys[0] (kid "
                + fixture.logSigner.verifier().keyIdHex() + "): x and noteKey are different keys"), result.output());
    }

    @Test
    void aCheckpointByAnotherLogKeyFails() throws IOException {
        ObjectNode report = fixture.report();
        NoteSigner impostor = NoteSigner.generate(DisclosureFixture.ORIGIN);
        checkpointOf(report).put("note", fixture.checkpointNote(SIZE, impostor));
        DisclosureFixture.Written files = fixture.write(dir, report);

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL checkpoint: attestation.checkpoint.note of " + files.report()
                + " has no signature by a key of " + files.logKeys());
        assertLine(result, "NOT verified: 1 check(s) failed");
    }

    @Test
    void aChangedRootInTheReportFailsSignatureCheckpointAndConsistency() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String root = DisclosureFixture.b64(fixture.root(SIZE));
        String changed = (root.charAt(0) == 'A' ? 'B' : 'A') + root.substring(1);
        replaceOnce(files.report(), "\"root\":\"" + root + "\"", "\"root\":\"" + changed + "\"");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL signature: ").contains("does not verify"), result.output());
        assertLine(result, "  FAIL checkpoint: " + files.report() + ": the signed note says root " + root
                + ", attestation.checkpoint.root says " + changed);
        assertLine(result, "  FAIL consistency: " + files.report() + ": attestation.previous.consistencyProof does not lead"
                + " from size " + PREVIOUS_SIZE + " to size " + SIZE + ": consistency proof does not lead to the new root");
        assertLine(result, "NOT verified: 3 check(s) failed");
    }

    @Test
    void aSignedReportWhoseSizeDisagreesWithItsNoteFailsTheCheckpoint() throws IOException {
        ObjectNode report = fixture.report();
        checkpointOf(report).put("size", SIZE + 1);
        DisclosureFixture.Written files = fixture.write(dir, report);

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL checkpoint: " + files.report() + ": the signed note says size " + SIZE
                + ", attestation.checkpoint.size says " + (SIZE + 1));
    }

    @Test
    void aSignedReportWithABadConsistencyProofFailsOnlyConsistency() throws IOException {
        ObjectNode report = fixture.report();
        ArrayNode proof = (ArrayNode) report.get("attestation").get("previous").get("consistencyProof");
        proof.set(1, proof.get(0));
        DisclosureFixture.Written files = fixture.write(dir, report);

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL consistency: ").startsWith("  FAIL consistency: " + files.report()
                + ": attestation.previous.consistencyProof does not lead from size 13 to size 40: "), result.output());
        assertLine(result, "NOT verified: 1 check(s) failed");
    }

    @Test
    void aPreviousSizeBeyondTheCheckpointIsNoConsistency() throws IOException {
        ObjectNode report = fixture.report();
        ((ObjectNode) report.get("attestation").get("previous")).put("size", SIZE + 1);
        DisclosureFixture.Written files = fixture.write(dir, report);

        CliRun result = run(Arrays.copyOf(files.args(), 8));

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL consistency: ").endsWith(": no consistency from size 41 to 40"), result.output());
    }

    @Test
    void aChangedRootInThePreviousReportFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        String root = DisclosureFixture.b64(fixture.root(PREVIOUS_SIZE));
        String changed = (root.charAt(0) == 'A' ? 'B' : 'A') + root.substring(1);
        replaceOnce(files.previous(), "\"root\":\"" + root + "\"", "\"root\":\"" + changed + "\"");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL previous report: " + files.previous() + ": its attestation.checkpoint.root is " + changed
                + ", but attestation.previous.root of " + files.report() + " is " + root);
        assertLine(result, "NOT verified: 1 check(s) failed");
    }

    @Test
    void anotherPreviousReportFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        replaceOnce(files.previous(), PREVIOUS_ID, PREVIOUS_ID.replace("0e01", "0e02"));

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL previous report: " + files.previous() + ": it is disclosure "
                + PREVIOUS_ID.replace("0e01", "0e02") + ", but attestation.previous.disclosureId of " + files.report()
                + " is " + PREVIOUS_ID);
    }

    @Test
    void aPreviousReportOfAnotherJurisdictionFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        replaceOnce(files.previous(), "\"jurisdiction\":\"EU\"", "\"jurisdiction\":\"CN\"");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL previous report: " + files.previous() + ": its jurisdiction is CN, not EU");
    }

    @Test
    void aPreviousReportForTheFirstDisclosureFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir, fixture.previousReport());

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL previous report: " + files.report() + " names no previous disclosure"
                + " (attestation.previous is null), but --previous " + files.previous() + " was given");
    }

    @Test
    void aPreviousReportThatIsNotJsonFails() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        Files.writeString(files.previous(), "{\"disclosureId\":");

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL previous report: ").startsWith("  FAIL previous report: " + files.previous() + " is not JSON: "),
                result.output());
    }

    @Test
    void aReportThatIsNotJsonStopsTheChecksThatNeedIt() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        Files.writeString(files.report(), Files.readString(files.report()).replace("{\"attestation\"", "{attestation\""));

        CliRun result = run(files.args());

        assertEquals(1, result.exit(), result.output());
        assertTrue(line(result, "  FAIL report: ").startsWith("  FAIL report: " + files.report() + " is not JSON: "), result.output());
        assertLine(result, "  skip signature: needs the report");
        assertLine(result, "  skip checkpoint: needs the report");
        assertLine(result, "  skip consistency: needs the report");
        assertLine(result, "  skip previous report: needs the report");
        assertLine(result, "NOT verified: 1 check(s) failed, 4 not run");
    }

    @Test
    void aReportWithoutAttestationFailsTheLogChecks() throws IOException {
        ObjectNode report = fixture.report();
        report.remove("attestation");
        DisclosureFixture.Written files = fixture.write(dir, report);

        CliRun result = run(Arrays.copyOf(files.args(), 8));

        assertEquals(1, result.exit(), result.output());
        assertLine(result, "  FAIL checkpoint: " + files.report() + ": attestation.checkpoint.size is missing");
        assertLine(result, "  FAIL consistency: " + files.report()
                + ": attestation.previous is missing (null for a jurisdiction's first disclosure)");
    }

    // ---- keys over HTTP -------------------------------------------------------------------

    @Test
    void fetchesTheKeySetsFromTheServices() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        HttpServer server = serve(Map.of(
                "/disclosure/api/v1/keys", Files.readAllBytes(files.keys()),
                "/audit/api/v1/keys", Files.readAllBytes(files.logKeys())));
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            CliRun result = run("--report", files.report().toString(), "--signature", files.signature().toString(),
                    "--keys", base + "/disclosure/api/v1/keys", "--log-keys", base + "/audit/api/v1/keys");

            assertEquals(0, result.exit(), result.output());
            assertTrue(line(result, "  ok   signature: ").endsWith(" of " + base + "/disclosure/api/v1/keys"), result.output());
            assertTrue(line(result, "  ok   checkpoint: ").endsWith(" of " + base + "/audit/api/v1/keys"), result.output());

            CliRun missing = run("--report", files.report().toString(), "--signature", files.signature().toString(),
                    "--keys", base + "/disclosure/api/v1/keys", "--log-keys", base + "/audit/api/v1/nokeys");
            assertEquals(2, missing.exit(), missing.output());
            assertEquals("error: cannot fetch " + base + "/audit/api/v1/nokeys: HTTP 404\n", missing.output());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableKeyUrlIsAnUnreadableInput() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        HttpServer server = serve(Map.of());
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/keys";
        server.stop(0);

        CliRun result = run("--report", files.report().toString(), "--signature", files.signature().toString(),
                "--keys", url, "--log-keys", files.logKeys().toString());

        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().startsWith("error: cannot fetch " + url + ": cannot connect"), result.output());
    }

    // ---- usage ----------------------------------------------------------------------------

    @Test
    void aMissingFileIsAnUnreadableInput() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        Files.delete(files.logKeys());

        CliRun result = run(files.args());

        assertEquals(2, result.exit(), result.output());
        assertEquals("error: cannot read " + files.logKeys() + ": no such file\n", result.output());
    }

    @Test
    void rejectsIncompleteOrUnknownOptions() throws IOException {
        DisclosureFixture.Written files = fixture.write(dir);
        assertUsageError("error: missing --keys", "--report", "r.json");
        assertUsageError("error: missing --signature (a JSON report needs its report.json.jws), --log-keys (a report's "
                + "checkpoint is signed by the audit log)", "--report", files.report().toString(), "--keys",
                files.keys().toString());
        assertUsageError("error: unknown option --key", "--key", "k.json");
        assertUsageError("error: unexpected argument report.json", "report.json");
        assertUsageError("error: --report needs a value", "--report");
        assertUsageError("error: --keys given twice", "--keys", "a", "--keys=b");
        assertUsageError("error: --digest must be 64 hex digits (a SHA-256), found abc", concat(files.args(), "--digest", "abc"));
    }

    @Test
    void printsUsageOnRequest() {
        CliRun result = run("--help");
        assertEquals(0, result.exit());
        assertTrue(result.output().startsWith("usage: java -jar sightline-verifier.jar"), result.output());
    }

    // ---- helpers --------------------------------------------------------------------------

    private static ObjectNode checkpointOf(ObjectNode report) {
        return (ObjectNode) report.get("attestation").get("checkpoint");
    }

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

    /** Changes an input in one place, failing the test unless {@code from} occurs exactly once. */
    private static void replaceOnce(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, () -> from + " does not occur exactly once in " + file);
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    private static HttpServer serve(Map<String, byte[]> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = bodies.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
