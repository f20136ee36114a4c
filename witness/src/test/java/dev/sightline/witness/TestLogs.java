package dev.sightline.witness;

import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.witness.AddCheckpointRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Logs for the tests: one note key ({@link #KEY}) trusted for the origins {@code log.example/t0} to
 * {@code log.example/t9}, so each test has a log of its own; the witness's state in a fresh folder per test run.
 */
public final class TestLogs implements QuarkusTestResourceLifecycleManager {
    static final NoteSigner KEY = NoteSigner.fromSeed("log.example", seed(1));
    static final int ORIGINS = 10;
    static Path stateFile;

    @Override
    public Map<String, String> start() {
        try {
            stateFile = Files.createTempDirectory("witness-test").resolve("state.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("sightline.witness.state-file", stateFile.toString());
        config.put("sightline.witness.logs.audit.keys", "");
        for (int i = 0; i < ORIGINS; i++) {
            config.put("sightline.witness.logs.t" + i + ".origin", "log.example/t" + i);
            config.put("sightline.witness.logs.t" + i + ".keys", KEY.verifier().encoded());
        }
        return config;
    }

    @Override
    public void stop() {
    }

    static byte[] seed(int value) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) value);
        return seed;
    }

    /** A log in memory under one origin, signed with {@link #KEY} unless told otherwise. */
    static final class TestLog {
        final String origin;
        private final List<byte[]> leaves = new ArrayList<>();

        TestLog(int origin) {
            this.origin = "log.example/t" + origin;
        }

        TestLog append(int count) {
            for (int i = 0; i < count; i++) {
                leaves.add(Merkle.leafHash((origin + " entry " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        byte[] root(long size) {
            return Merkle.rootOf(leaves.subList(0, (int) size));
        }

        String note(long size, NoteSigner signer) {
            return new Checkpoint(origin, size, root(size)).sign(signer);
        }

        String body(long old, long size) {
            return request(old, size, KEY).toBody();
        }

        AddCheckpointRequest request(long old, long size, NoteSigner signer) {
            List<byte[]> proof = old == 0 ? List.of() : MerkleProofs.consistencyProof(old, size,
                    (start, end) -> Merkle.rootOf(leaves.subList((int) start, (int) end)));
            return new AddCheckpointRequest(old, proof, note(size, signer));
        }
    }
}
