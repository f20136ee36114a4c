package dev.sightline.audit.log.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of recomputing the whole log from its stored entries. */
@Schema(name = "Verification")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(
        boolean ok,
        @Schema(description = "Entries recomputed") long verifiedSize,
        @Schema(description = "Stored checkpoints compared with the recomputed tree") long checkpointsVerified,
        @Schema(description = "Checkpoints kept outside the database (given in the request, or the latest one each "
                + "witness cosigned) compared with it")
        long knownCheckpointsVerified,
        @Schema(description = "Base64 root of the recomputed tree") String rootHash,
        @Schema(description = "First entry at which what is stored no longer matches what was signed: a changed "
                + "entry, the first entry a wrong or missing stored subtree covers, or the start of the entries "
                + "between the last checkpoint that matched and the first that does not; absent when ok")
        Long firstBadSeq,
        @Schema(description = "What was found, in log order, as sentences; empty when ok") List<String> findings,
        @Schema(description = "The same, each naming the entry, subtree or checkpoint that failed (at most 50)")
        List<Failure> failures,
        @Schema(description = "Each configured witness and the latest checkpoint of this log it cosigned, read at the "
                + "start of the run and compared with the stored log like a known checkpoint")
        List<WitnessCheckpoint> witnesses) {

    /** What one witness held when the run started: the size of its latest cosigned checkpoint, or why none. */
    @Schema(name = "VerificationWitness")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WitnessCheckpoint(
            @Schema(description = "The witness's name in sightline.witness.witnesses") String witness,
            @Schema(description = "Size of the latest checkpoint of this log the witness cosigned") Long size,
            @Schema(description = "Why no checkpoint of the witness could be compared (no answer, none cosigned yet, "
                    + "not cosigned by its key)") String problem) {
    }

    /** One thing that does not match: which kind, and the entry, subtree or checkpoint it concerns. */
    @Schema(name = "VerificationFailure")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(
            @Schema(description = "ENTRY (an entry differs from its stored leaf hash), ENTRY_MISSING, SUBTREE (a "
                    + "stored subtree hash differs from the one recomputed), SUBTREE_MISSING, CHECKPOINT_SIGNATURE, "
                    + "CHECKPOINT_ROOT (the recomputed root differs from a signed one), CHECKPOINT_GAP (entries "
                    + "waited longer than allowed for a checkpoint: checkpoints deleted, or signing stopped), FORK (a "
                    + "checkpoint kept outside the database, or a witness's latest cosigned one, that the stored log no "
                    + "longer agrees with or covers)")
            Kind kind,
            @Schema(description = "What was found") String message,
            @Schema(description = "The entry located, when exactly one is") Long seq,
            @Schema(description = "First entry of the range concerned") Long from,
            @Schema(description = "End (exclusive) of the range concerned") Long to,
            @Schema(description = "Size of the checkpoint concerned") Long checkpoint,
            @Schema(description = "Level of the stored subtree concerned") Integer level,
            @Schema(description = "Index of the stored subtree concerned at its level") Long index,
            @Schema(description = "The witness whose cosigned checkpoint the log no longer agrees with (a FORK)")
            String witness) {

        /** The same failure, naming the witness that holds the checkpoint concerned. */
        public Failure withWitness(String name) {
            return new Failure(kind, message, seq, from, to, checkpoint, level, index, name);
        }
    }

    @Schema(name = "VerificationFailureKind")
    public enum Kind {
        ENTRY, ENTRY_MISSING, SUBTREE, SUBTREE_MISSING, CHECKPOINT_SIGNATURE, CHECKPOINT_ROOT, CHECKPOINT_GAP, FORK
    }
}
