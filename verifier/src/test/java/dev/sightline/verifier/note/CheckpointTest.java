package dev.sightline.verifier.note;

import dev.sightline.verifier.merkle.Merkle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    // The example of c2sp.org/tlog-checkpoint.
    private static final String C2SP_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void parsesTheC2spExample() {
        Checkpoint checkpoint = Checkpoint.parse(C2SP_BODY);
        assertEquals("example.com/behind-the-sofa", checkpoint.origin());
        assertEquals(20852163L, checkpoint.size());
        assertArrayEquals(Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="), checkpoint.rootHash());
        assertEquals(List.of(), checkpoint.extensions());
        assertEquals(C2SP_BODY, checkpoint.toBody());
    }

    @Test
    void keepsExtensionLines() {
        String body = C2SP_BODY + "ext one\next-two\n";
        Checkpoint checkpoint = Checkpoint.parse(body);
        assertEquals(List.of("ext one", "ext-two"), checkpoint.extensions());
        assertEquals(body, checkpoint.toBody());
    }

    @Test
    void emptyTreeCheckpoint() {
        Checkpoint empty = new Checkpoint("sightline.example/audit-log", 0, Merkle.emptyRoot());
        assertEquals("sightline.example/audit-log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", empty.toBody());
        assertEquals(empty, Checkpoint.parse(empty.toBody()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "example.com/log\n",
            "example.com/log\n5\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
            "\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n05\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n-5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n5 \nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n0x5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n18446744073709551615\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n",
            "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next\n\n",
            "example.com/log\r\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
    })
    void rejectsMalformedBodies(String body) {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(body));
    }

    @Test
    void acceptsTheLargestSignedSize() {
        assertEquals(Long.MAX_VALUE, Checkpoint.parse("o\n9223372036854775807\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n").size());
        assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.parse("o\n9223372036854775808\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n"));
    }

    @Test
    void signsAndOpensTheDesignDocumentFormat() {
        NoteSigner log = NoteSigner.generate("sightline.example/audit-log");
        byte[] root = Merkle.rootOf(List.of(Merkle.leafHash(new byte[] {1}), Merkle.leafHash(new byte[] {2})));
        Checkpoint checkpoint = new Checkpoint("sightline.example/audit-log", 2, root);
        String note = checkpoint.sign(log);

        String[] lines = note.split("\n", -1);
        assertEquals("sightline.example/audit-log", lines[0]);
        assertEquals("2", lines[1]);
        assertEquals(Base64.getEncoder().encodeToString(root), lines[2]);
        assertEquals("", lines[3]);
        assertTrue(lines[4].startsWith("\u2014 sightline.example/audit-log "), lines[4]);
        byte[] signature = Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1));
        assertEquals(68, signature.length);
        assertEquals(log.keyId(), ByteBuffer.wrap(signature).getInt());
        assertEquals("", lines[5]);

        assertEquals(checkpoint, Checkpoint.open(note, log.verifier()));
        String forged = note.replaceFirst("\n2\n", "\n3\n");
        assertThrows(NoteException.class, () -> Checkpoint.open(forged, log.verifier()));
    }

    @Test
    void isAValue() {
        byte[] root = new byte[32];
        Checkpoint checkpoint = new Checkpoint("o", 1, root);
        root[0] = 1;
        assertEquals(0, checkpoint.rootHash()[0]);
        checkpoint.rootHash()[0] = 7;
        assertEquals(new Checkpoint("o", 1, new byte[32]), checkpoint);
        assertEquals(new Checkpoint("o", 1, new byte[32]).hashCode(), checkpoint.hashCode());
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", -1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", 1, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o\nx", 1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", 1, new byte[32], List.of("")));
    }
}
