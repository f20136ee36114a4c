package dev.sightline.audit.log;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.NoteVerifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Checkpoints kept outside the database (signed notes a witness, a regulator or an auditor holds), which the stored
 * log must agree with. Each must be signed by one of the log's published keys for this log's origin.
 */
final class KnownCheckpoints {
    static final int MAX = 100;

    private KnownCheckpoints() {
    }

    /** Opens each note; a 400 naming {@code field[i]} for one that is not this log's signed checkpoint. */
    static List<Checkpoint> open(List<String> notes, String field, String origin, Collection<NoteVerifier> keys) {
        if (notes.size() > MAX) {
            throw ProblemException.invalidField(field, "at most " + MAX + " checkpoints");
        }
        List<Checkpoint> opened = new ArrayList<>(notes.size());
        for (int i = 0; i < notes.size(); i++) {
            String note = notes.get(i);
            String name = field + "[" + i + "]";
            if (note == null || note.isBlank()) {
                throw ProblemException.invalidField(name, "must be a signed checkpoint note");
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.open(note, keys);
            } catch (NoteException | IllegalArgumentException e) {
                throw ProblemException.invalidField(name, "is not a checkpoint signed by a key of GET /api/v1/keys: "
                        + e.getMessage());
            }
            if (!checkpoint.origin().equals(origin)) {
                throw ProblemException.invalidField(name, "is a checkpoint of another log (" + checkpoint.origin()
                        + ")");
            }
            opened.add(checkpoint);
        }
        opened.sort(Comparator.comparingLong(Checkpoint::size));
        return opened;
    }
}
