package dev.sightline.audit.log;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The access log's own settings ({@code sightline.log.*}). */
@ConfigMapping(prefix = "sightline.log")
public interface LogConfig {
    /** The checkpoint origin line and the signing key's name, e.g. {@code sightline.example/audit-log}. */
    @WithDefault("sightline.example/audit-log")
    String origin();

    /** How often the integrator looks for new entries to cover with a signed checkpoint. */
    @WithDefault("250ms")
    Duration checkpointInterval();

    /**
     * Right-edge subtrees of fewer than 2^this leaves are recomputed from their entries when the integrator takes
     * over; larger ones are checked against their stored children and the signed root (see {@code RightEdge}).
     */
    @WithDefault("16")
    int rightEdgeRecomputeLevel();

    /** Signing key. */
    Signing signing();

    /** Append path tuning. */
    Append append();

    /** Verification runs ({@code POST /api/v1/verifications}). */
    Verification verification();

    interface Verification {
        /** A run reads this many entries at a time and persists its progress after each. */
        @WithDefault("100000")
        @Min(1)
        int progressEvery();

        /**
         * Connections a run reads the log over at once, each on a thread of its own that also recomputes the leaf
         * hashes of what it reads: each chunk is split into this many consecutive ranges.
         */
        @WithDefault("2")
        @Min(1)
        int readers();

        /**
         * Entries that waited longer than this for a checkpoint are reported as a gap: the integrator signs within
         * {@code checkpoint-interval} while entries arrive, unless checkpoints were deleted or signing was stopped.
         */
        @WithDefault("5m")
        Duration maxCheckpointDelay();

        /** How often a replica looks for a run to start or continue (one left by a restart, or queued elsewhere). */
        @WithDefault("2s")
        Duration pollInterval();
    }

    interface Signing {
        /** A C2SP signed-note private key ({@code PRIVATE+KEY+<name>+<hash>+<base64>}); wins over {@link #keyFile()}. */
        Optional<String> key();

        /** File holding such a key; created with a fresh key when {@link #generateIfMissing()} is set. */
        Optional<String> keyFile();

        /** Whether a missing key file may be created with a new key (dev and test only). */
        @WithDefault("false")
        boolean generateIfMissing();

        /** Verifier keys ({@code <name>+<hash>+<base64>}) of retired signing keys, still published. */
        Optional<List<String>> retiredKeys();
    }

    interface Append {
        /** Events one commit may carry: concurrent requests are grouped into one transaction up to this. */
        @WithDefault("20000")
        int maxGroupEvents();

        /** Most events accepted in one batch request. */
        @WithDefault("1000")
        int maxBatchEvents();

        /**
         * How long a request waits for its commit before it answers 503 (the events may still be stored; a retry
         * with the same eventIds is safe); also the network timeout of the writer's transaction.
         */
        @WithDefault("10s")
        Duration timeout();
    }
}
