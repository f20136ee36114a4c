package dev.sightline.verifier.cli;

import dev.sightline.verifier.note.Cosignature;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.SignedNote;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code witnesses} check ({@code --witness-key}, repeatable, and {@code --witness-quorum}): the attested
 * checkpoint note carries valid c2sp.org/tlog-cosignature {@code cosignature/v1} cosignatures of at least
 * {@code quorum} of the given witnesses. Every witness without a valid one is named, whether its cosignature is
 * missing or does not verify.
 */
record WitnessCheck(List<CosignatureVerifier> witnesses, int quorum) {

    WitnessCheck {
        witnesses = List.copyOf(witnesses);
    }

    /**
     * The check the command line asks for, or {@code null} when it names no witness.
     *
     * @param keys the witness keys, one a line (the option given once per key)
     * @param quorum how many must have cosigned; all of them when {@code null}
     * @throws IllegalArgumentException naming the option that is wrong
     */
    static WitnessCheck parse(String keys, String quorum) {
        if (keys == null) {
            if (quorum != null) {
                throw new IllegalArgumentException("--witness-quorum needs at least one --witness-key");
            }
            return null;
        }
        List<CosignatureVerifier> witnesses = new ArrayList<>();
        for (String key : keys.split("\n")) {
            try {
                witnesses.add(CosignatureVerifier.parse(key.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--witness-key " + key + ": " + e.getMessage());
            }
        }
        int k = witnesses.size();
        if (quorum != null) {
            if (!quorum.matches("[1-9][0-9]{0,8}") || Integer.parseInt(quorum) > witnesses.size()) {
                throw new IllegalArgumentException("--witness-quorum must be a whole number from 1 to the number of "
                        + "--witness-key options (" + witnesses.size() + "), found " + quorum);
            }
            k = Integer.parseInt(quorum);
        }
        return new WitnessCheck(witnesses, k);
    }

    /** The outcome: the witnesses that cosigned, and why each of the others did not count. */
    record Outcome(List<String> cosigned, List<String> problems, int quorum) {
        boolean passed() {
            return cosigned.size() >= quorum;
        }

        String describe() {
            String counted = cosigned.size() + " of the " + quorum + " cosignature(s) required";
            return (cosigned.isEmpty() ? counted : counted + ": " + String.join(", ", cosigned))
                    + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        }
    }

    /** Checks the cosignatures of an opened checkpoint note. */
    Outcome check(SignedNote note) {
        List<String> cosigned = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CosignatureVerifier witness : witnesses) {
            String name = witness.name() + "+" + witness.keyIdHex();
            try {
                Cosignature cosignature = witness.verify(note);
                cosigned.add(name + " at " + cosignature.time());
            } catch (NoteException e) {
                problems.add(e.reason() == NoteException.Reason.NO_KNOWN_SIGNATURE
                        ? "no cosignature by witness " + name
                        : "the cosignature by witness " + name + " does not verify");
            }
        }
        return new Outcome(cosigned, problems, quorum);
    }
}
