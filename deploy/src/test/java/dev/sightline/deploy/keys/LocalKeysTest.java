package dev.sightline.deploy.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.NoteVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {
    @TempDir
    Path dir;

    @Test
    void createsTheLogKeyOnceReadableByItsOwnerAndPrintsItsVerifierKey() throws Exception {
        Path file = dir.resolve("keys/audit-log-signing.key");
        String first = LocalKeys.verifierKey(new String[] { "log", file.toString(), "sightline.example/audit-log" });
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        NoteSigner signer = NoteSigner.parse(Files.readString(file).strip());
        assertEquals(signer.verifier().encoded(), first);
        assertEquals(NoteVerifier.parse(first), signer.verifier());
        assertEquals(first, LocalKeys.verifierKey(new String[] { "log", file.toString(),
                "sightline.example/audit-log" }), "an existing key is kept");
    }

    @Test
    void createsTheWitnessKeyAndRefusesAFileOfAnotherName() throws Exception {
        Path file = dir.resolve("witness-signing.key");
        String vkey = LocalKeys.verifierKey(new String[] { "witness", file.toString(), "witness.example/w1" });
        assertEquals(CosignatureSigner.parse(Files.readString(file).strip()).verifier(),
                CosignatureVerifier.parse(vkey));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> LocalKeys.verifierKey(
                new String[] { "witness", file.toString(), "witness.example/w2" }));
        assertTrue(other.getMessage().contains("witness.example/w1"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalKeys.verifierKey(new String[] { "log" }));
        assertThrows(IllegalArgumentException.class, () -> LocalKeys.verifierKey(new String[] { "other", "f", "n" }));
    }
}
