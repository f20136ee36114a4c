package dev.sightline.verifier.witness;

import dev.sightline.verifier.note.NoteSignature;
import java.util.List;

/**
 * The answer of a witness to {@code add-checkpoint}, with the HTTP status c2sp.org/tlog-witness gives it.
 */
public sealed interface WitnessOutcome {

    /** The HTTP status of this answer. */
    int status();

    /** 200: the witness's cosignature lines, each ending in a newline. */
    record Cosigned(List<NoteSignature> cosignatures) implements WitnessOutcome {
        public Cosigned {
            cosignatures = List.copyOf(cosignatures);
        }

        @Override
        public int status() {
            return 200;
        }

        public String body() {
            StringBuilder body = new StringBuilder();
            cosignatures.forEach(c -> body.append(c.line()).append('\n'));
            return body.toString();
        }
    }

    /** 409 with {@code text/x.tlog.size}: the old size is not the size of the latest checkpoint cosigned. */
    record SizeMismatch(long size) implements WitnessOutcome {
        /** The content type of the answer's body. */
        public static final String CONTENT_TYPE = "text/x.tlog.size";

        @Override
        public int status() {
            return 409;
        }

        public String body() {
            return size + "\n";
        }
    }

    /** A refusal: its status and a sentence saying why. */
    record Refused(int status, Reason reason, String detail) implements WitnessOutcome {
    }

    /** Why a checkpoint was refused; each reason has the status the spec gives it. */
    enum Reason {
        /** 400: the body is not a request, the note not a checkpoint, or the old size above the checkpoint's. */
        MALFORMED(400),
        /** 403: no signature by a key the witness trusts for the origin verifies. */
        NOT_SIGNED(403),
        /** 404: the witness knows no log with that origin. */
        UNKNOWN_LOG(404),
        /** 409: same size as the checkpoint cosigned, different root hash. */
        ROOT_MISMATCH(409),
        /** 422: the consistency proof does not verify. */
        INCONSISTENT(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        public Refused refuse(String detail) {
            return new Refused(status, this, detail);
        }
    }
}
