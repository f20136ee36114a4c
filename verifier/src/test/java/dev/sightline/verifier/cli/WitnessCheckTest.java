package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.NoteSignature;
import dev.sightline.verifier.note.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.sightline.verifier.cli.DisclosureFixture.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --witness-key} and {@code --witness-quorum}: the attested checkpoint must carry the witnesses' cosignatures. */
class WitnessCheckTest {
    private static final long TIME = 1_796_300_000L;

    @TempDir
    Path dir;

    private final DisclosureFixture fixture = new DisclosureFixture();
    private final CosignatureSigner regulator = CosignatureSigner.generate("witness.regulator.example/w1");
    private final CosignatureSigner auditor = CosignatureSigner.generate("witness.auditor.example/w1");
    private final CosignatureSigner absent = CosignatureSigner.generate("witness.absent.example/w1");

    /** The genuine report, its checkpoint note cosigned by these signatures, signed by the disclosure key. */
    private DisclosureFixture.Written cosignedBy(List<NoteSignature> cosignatures) throws IOException {
        ObjectNode report = fixture.report();
        ObjectNode checkpoint = (ObjectNode) report.get("attestation").get("checkpoint");
        checkpoint.put("note", SignedNote.withSignatures(checkpoint.get("note").asText(), cosignatures));
        return fixture.write(dir, report);
    }

    private NoteSignature cosignature(CosignatureSigner witness) {
        String body = fixture.checkpointNote(SIZE, fixture.logSigner);
        return witness.cosign(body.substring(0, body.indexOf("\n\n") + 1), TIME);
    }

    @Test
    void passesWhenTheQuorumCosigned() throws IOException {
        DisclosureFixture.Written files = cosignedBy(List.of(cosignature(regulator), cosignature(auditor)));
        CliRun result = run(files, "--witness-key", regulator.verifier().encoded(), "--witness-key",
                auditor.verifier().encoded(), "--witness-key", absent.verifier().encoded(), "--witness-quorum", "2");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("  ok   witnesses: 2 of the 2 cosignature(s) required: "
                + regulator.name() + "+" + regulator.verifier().keyIdHex() + " at 2026-12-03T"), result.output());
        assertTrue(result.output().contains("no cosignature by witness " + absent.name()), result.output());
    }

    @Test
    void aMissingCosignatureFailsNamingTheWitness() throws IOException {
        DisclosureFixture.Written files = cosignedBy(List.of(cosignature(regulator)));
        CliRun result = run(files, "--witness-key", regulator.verifier().encoded(), "--witness-key",
                absent.verifier().encoded());
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("  FAIL witnesses: attestation.checkpoint.note of " + files.report()
                + " carries 1 of the 2 cosignature(s) required: " + regulator.name() + "+"
                + regulator.verifier().keyIdHex() + " at "), result.output());
        assertTrue(result.output().contains("; no cosignature by witness " + absent.name() + "+"
                + absent.verifier().keyIdHex()), result.output());
    }

    @Test
    void aForgedCosignatureFailsNamingTheWitness() throws IOException {
        // the auditor's cosignature of another checkpoint, put under this one
        String other = fixture.checkpointNote(SIZE - 1, fixture.logSigner);
        NoteSignature moved = auditor.cosign(other.substring(0, other.indexOf("\n\n") + 1), TIME);
        DisclosureFixture.Written files = cosignedBy(List.of(cosignature(regulator), moved));
        CliRun result = run(files, "--witness-key", regulator.verifier().encoded(), "--witness-key",
                auditor.verifier().encoded(), "--witness-quorum", "2");
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("the cosignature by witness " + auditor.name() + "+"
                + auditor.verifier().keyIdHex() + " does not verify"), result.output());
        // the log's own signature still opens the note: the other checks pass
        assertTrue(result.output().contains("  ok   checkpoint: "), result.output());
        assertTrue(result.output().contains("NOT verified: 1 check(s) failed"), result.output());
    }

    @Test
    void refusesBadWitnessOptions() throws IOException {
        DisclosureFixture.Written files = cosignedBy(List.of());
        assertEquals(2, run(files, "--witness-quorum", "1").exit());
        assertEquals(2, run(files, "--witness-key", regulator.verifier().encoded(), "--witness-quorum", "2").exit());
        assertEquals(2, run(files, "--witness-key", regulator.verifier().encoded(), "--witness-quorum", "0").exit());
        CliRun notAWitnessKey = run(files, "--witness-key", fixture.logSigner.verifier().encoded());
        assertEquals(2, notAWitnessKey.exit());
        assertTrue(notAWitnessKey.output().contains("error: --witness-key " + fixture.logSigner.verifier().encoded()
                + ": witness key has signature type 1"), notAWitnessKey.output());
    }

    private static CliRun run(DisclosureFixture.Written files, String... more) {
        return CliRun.run(files.args(), more);
    }
}
