package dev.sightline.audit.log;

import dev.sightline.audit.log.EntryFactory.PreparedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Leaf hashes this replica has just committed, handed from the appender to the integrator in
 * memory so the integrator need not read back from the database what was written a moment ago.
 * Bounded: when the integrator does not keep up (or another replica integrates), the oldest
 * ranges are dropped and the integrator reads those leaves from the database instead.
 */
@ApplicationScoped
class CommittedLeaves {
    static final int MAX_HASHES = 500_000;
    private final Deque<Range> ranges = new ArrayDeque<>();
    private int held;

    /** A run of leaf hashes committed together, starting at seq {@code first}. */
    record Range(long first, List<byte[]> leafHashes) {
        long end() {
            return first + leafHashes.size();
        }
    }

    synchronized void publish(long first, List<PreparedEntry> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<byte[]> hashes = new ArrayList<>(rows.size());
        rows.forEach(row -> hashes.add(row.leafHash()));
        ranges.addLast(new Range(first, hashes));
        held += hashes.size();
        while (held > MAX_HASHES) {
            held -= ranges.removeFirst().leafHashes().size();
        }
    }

    /** Takes every range held, oldest first. */
    synchronized List<Range> drain() {
        List<Range> all = new ArrayList<>(ranges);
        ranges.clear();
        held = 0;
        return all;
    }
}
