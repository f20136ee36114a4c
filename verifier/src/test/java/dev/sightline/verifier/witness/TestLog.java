package dev.sightline.verifier.witness;

import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A log in memory that signs checkpoints and builds add-checkpoint requests, and a witness store in memory. */
final class TestLog {
    static final String ORIGIN = "log.example/test";
    final NoteSigner signer;
    private final List<byte[]> leaves = new ArrayList<>();

    TestLog(NoteSigner signer) {
        this.signer = signer;
    }

    TestLog() {
        this(NoteSigner.fromSeed(ORIGIN, new byte[32]));
    }

    void append(int count) {
        for (int i = 0; i < count; i++) {
            leaves.add(Merkle.leafHash(("entry " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    long size() {
        return leaves.size();
    }

    byte[] root(long size) {
        return Merkle.rootOf(leaves.subList(0, (int) size));
    }

    String note(long size) {
        return new Checkpoint(ORIGIN, size, root(size)).sign(signer);
    }

    List<byte[]> proof(long from, long to) {
        return from == 0 ? List.of()
                : MerkleProofs.consistencyProof(from, to, (start, end) -> Merkle.rootOf(leaves.subList((int) start, (int) end)));
    }

    AddCheckpointRequest request(long old, long size) {
        return new AddCheckpointRequest(old, proof(old, size), note(size));
    }

    static final class MemoryStore implements WitnessState.Store {
        final Map<String, WitnessState> states = new ConcurrentHashMap<>();

        @Override
        public Optional<WitnessState> load(String origin) {
            return Optional.ofNullable(states.get(origin));
        }

        @Override
        public void save(String origin, WitnessState state) {
            states.put(origin, state);
        }
    }
}
