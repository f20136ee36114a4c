package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.VerificationView.Failure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a verification run stands: enough to continue it after a restart without reading again what it read. Stored
 * as JSON in {@code verification_job.progress}; public fields for that mapping only.
 */
class VerificationState {
    /** Entries recomputed so far: the tree below is {@link #frontier}. */
    public long position;
    /** Base64 hashes of the perfect subtrees of the tree of {@link #position} leaves, largest first. */
    public List<String> frontier = new ArrayList<>();
    public long checkpointsVerified;
    public long knownCheckpointsVerified;
    /** Size of the last checkpoint (stored or known) whose root matched the recomputed one. */
    public long lastGoodHead;
    /** Size of the last stored checkpoint passed, and when the first entry after it was received (for gaps). */
    public long lastStoredHead;
    public Instant firstUncoveredReceivedAt;
    /** Whether the pass stopped early: a hole in the entries leaves nothing after it to recompute. */
    public boolean stopped;
    /** Every exact location found (entries, stored subtrees) and ranges located only to between two checkpoints. */
    public List<Long> exact = new ArrayList<>();
    public List<long[]> ranges = new ArrayList<>();
    public List<Failure> failures = new ArrayList<>();
    /** What each configured witness held when the run started, so that a continued run compares the same. */
    public List<Witnesses.Held> witnesses = new ArrayList<>();
}
