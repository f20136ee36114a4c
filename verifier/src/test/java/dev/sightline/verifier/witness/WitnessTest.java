package dev.sightline.verifier.witness;

import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.Cosignature;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.SignedNote;
import dev.sightline.verifier.witness.WitnessOutcome.Cosigned;
import dev.sightline.verifier.witness.WitnessOutcome.Reason;
import dev.sightline.verifier.witness.WitnessOutcome.Refused;
import dev.sightline.verifier.witness.WitnessOutcome.SizeMismatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WitnessTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final TestLog log = new TestLog();
    private final CosignatureSigner key = CosignatureSigner.fromSeed("witness.example/w1", new byte[32]);
    private final TestLog.MemoryStore store = new TestLog.MemoryStore();
    private final Witness witness = new Witness(key, Map.of(TestLog.ORIGIN, List.of(log.signer.verifier())), store,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void cosignsAFirstCheckpointThenAConsistentOne() {
        log.append(5);
        Cosigned first = assertInstanceOf(Cosigned.class, witness.add(log.request(0, 5)));
        String cosigned = SignedNote.withSignatures(log.note(5), first.cosignatures());
        Cosignature cosignature = key.verifier().verify(SignedNote.open(cosigned, log.signer.verifier()));
        assertEquals(NOW.getEpochSecond(), cosignature.timestamp());
        assertTrue(first.body().startsWith("\u2014 witness.example/w1 ") && first.body().endsWith("\n"));

        log.append(8);
        assertInstanceOf(Cosigned.class, witness.add(log.request(5, 13).toBody()));
        assertEquals(13, witness.state(TestLog.ORIGIN).orElseThrow().size());
        // the same checkpoint again is cosigned again
        assertInstanceOf(Cosigned.class, witness.add(log.request(13, 13)));
    }

    @Test
    void servesTheLatestCosignedCheckpointCosignedNow() {
        assertTrue(witness.latestCosigned(TestLog.ORIGIN).isEmpty());
        log.append(5);
        witness.add(log.request(0, 5));
        log.append(3);
        witness.add(log.request(5, 8));
        String note = witness.latestCosigned(TestLog.ORIGIN).orElseThrow();
        SignedNote opened = SignedNote.open(note, log.signer.verifier());
        assertEquals(8, Checkpoint.parse(opened.text()).size());
        assertEquals(NOW.getEpochSecond(), key.verifier().verify(opened).timestamp());
        assertTrue(note.startsWith(log.note(8)), "the note as submitted, then the cosignature");
        assertTrue(witness.latestCosigned("other.example/log").isEmpty());
    }

    @Test
    void aWrongOldSizeIsAConflictNamingTheSizeItKnows() {
        log.append(5);
        witness.add(log.request(0, 5));
        log.append(3);
        SizeMismatch stale = assertInstanceOf(SizeMismatch.class, witness.add(log.request(0, 8)));
        assertEquals(5, stale.size());
        assertEquals("5\n", stale.body());
        assertEquals(409, stale.status());
        assertEquals(5, witness.state(TestLog.ORIGIN).orElseThrow().size());
        assertEquals(0, assertInstanceOf(SizeMismatch.class,
                new Witness(key, Map.of(TestLog.ORIGIN, List.of(log.signer.verifier())), new TestLog.MemoryStore(),
                        Clock.systemUTC()).add(log.request(5, 8))).size());
    }

    @Test
    void refusesAProofThatDoesNotVerifyAndKeepsItsState() {
        log.append(5);
        witness.add(log.request(0, 5));
        log.append(3);
        AddCheckpointRequest good = log.request(5, 8);
        List<byte[]> bad = new ArrayList<>(good.proof());
        bad.set(0, new byte[32]);
        assertRefused(Reason.INCONSISTENT, 422, witness.add(new AddCheckpointRequest(5, bad, good.note())));
        assertRefused(Reason.INCONSISTENT, 422, witness.add(new AddCheckpointRequest(5, List.of(), good.note())));
        assertEquals(5, witness.state(TestLog.ORIGIN).orElseThrow().size());
    }

    @Test
    void refusesAForkAtTheSameSize() {
        log.append(5);
        witness.add(log.request(0, 5));
        byte[] otherRoot = log.root(5);
        otherRoot[0] ^= 1;
        String forked = new Checkpoint(TestLog.ORIGIN, 5, otherRoot).sign(log.signer);
        assertRefused(Reason.ROOT_MISMATCH, 409, witness.add(new AddCheckpointRequest(5, List.of(), forked)));
    }

    @Test
    void refusesUnknownLogsAndUntrustedKeys() {
        log.append(3);
        TestLog stranger = new TestLog(NoteSigner.generate(TestLog.ORIGIN));
        stranger.append(3);
        assertRefused(Reason.NOT_SIGNED, 403, witness.add(stranger.request(0, 3)));
        String otherLog = new Checkpoint("other.example/log", 3, log.root(3)).sign(NoteSigner.generate("other.example/log"));
        assertRefused(Reason.UNKNOWN_LOG, 404, witness.add(new AddCheckpointRequest(0, List.of(), otherLog)));
        assertTrue(witness.state(TestLog.ORIGIN).isEmpty());
    }

    @Test
    void refusesMalformedBodies() {
        log.append(3);
        String note = log.note(3);
        for (String body : List.of("", "old 0\n", "old 00\n\n" + note, "old -1\n\n" + note, "new 0\n\n" + note,
                "old 0\nnot-base64\n\n" + note, "old 0\n\n", "old 0\n\nnot a checkpoint\n\n\u2014 x y\n",
                "old 4\n\n" + note)) {
            assertRefused(Reason.MALFORMED, 400, witness.add(body));
        }
        assertThrows(IllegalArgumentException.class, () -> new AddCheckpointRequest(0, List.of(new byte[31]), note));
        assertRefused(Reason.MALFORMED, 400, witness.add(new byte[] { 'o', 'l', 'd', ' ', '0', '\n', '\n', (byte) 0xff }));
        assertInstanceOf(Cosigned.class, witness.add(log.request(0, 3).toBody().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void concurrentRequestsForOneLogNeverRollItBack() throws Exception {
        log.append(64);
        witness.add(log.request(0, 1));
        List<Thread> threads = new ArrayList<>();
        List<WitnessOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int size = 2; size <= 64; size++) {
            AddCheckpointRequest request = log.request(1, size);
            Thread thread = new Thread(() -> outcomes.add(witness.add(request)));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1, outcomes.stream().filter(Cosigned.class::isInstance).count());
        assertEquals(62, outcomes.stream().filter(SizeMismatch.class::isInstance).count());
    }

    private static void assertRefused(Reason reason, int status, WitnessOutcome outcome) {
        Refused refused = assertInstanceOf(Refused.class, outcome);
        assertEquals(reason, refused.reason(), refused.detail());
        assertEquals(status, refused.status());
    }
}
