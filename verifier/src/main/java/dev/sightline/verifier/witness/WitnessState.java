package dev.sightline.verifier.witness;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
public record WitnessState(long size, byte[] rootHash, String note) {

    public WitnessState {
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(note, "note");
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WitnessState other && size == other.size && Arrays.equals(rootHash, other.rootHash)
                && note.equals(other.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(rootHash), note);
    }

    /** Where a witness keeps its state: durably, since a witness that forgets can be made to cosign a fork. */
    public interface Store {
        /** The state of the log with this origin, if the witness ever cosigned one of its checkpoints. */
        Optional<WitnessState> load(String origin);

        /** Records the new state durably before it returns; the witness answers only after that. */
        void save(String origin, WitnessState state);
    }
}
