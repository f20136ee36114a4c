package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.VerificationView;
import dev.sightline.audit.log.rest.dto.VerificationView.Failure;
import dev.sightline.audit.log.rest.dto.VerificationView.Kind;
import dev.sightline.audit.log.rest.dto.VerificationView.WitnessCheckpoint;
import dev.sightline.verifier.merkle.MerkleFrontier;
import dev.sightline.verifier.merkle.PerfectSubtree;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Recomputes the log from its stored entries alone and compares the result with everything that was signed or
 * stored about it: each entry's leaf hash, every stored subtree hash (a wrong or missing one is named, and located at
 * the first entry it covers), the root of every stored checkpoint (whose signature is checked too), checkpoints kept
 * outside the database (given with the run, or the latest one each configured witness cosigned: a fork, naming the
 * witness, when the stored log no longer agrees with one or no longer covers it), and the time
 * entries waited for a checkpoint (a gap: checkpoints deleted, or signing stopped). An entry changed behind the
 * service's back shows up at its seq; one changed together with its leaf hash shows up at the first checkpoint that
 * covers it, and is then located to the entries since the last checkpoint that matched.
 *
 * <p>It reads the log in chunks of {@code sightline.log.verification.progress-every} entries, and hands its state to
 * the caller after each chunk, so a run can be persisted and continued; memory stays flat. Each chunk is split
 * between {@code sightline.log.verification.readers} readers, each with a connection and a thread of its own, that
 * read their range by one binary {@code COPY} ({@link CopyRows}: each entry hashed where it lies in the message the
 * driver received, nothing decoded or copied in between) and work one chunk ahead; the calling thread folds their
 * leaves into the tree in entry order, so everything after the leaf hashes is checked as by a single reader.
 */
@ApplicationScoped
class VerificationService {
    private static final int MAX_FAILURES = 50;
    /** PostgreSQL's binary timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final SigningKeys keys;
    private final LogConfig.Verification config;
    private final AgroalDataSource dataSource;

    VerificationService(SigningKeys keys, LogConfig config, AgroalDataSource dataSource) {
        this.keys = keys;
        this.config = config.verification();
        this.dataSource = dataSource;
    }

    /** A checkpoint kept outside the database, and the witness that holds it ({@code null}: given with the run). */
    record KnownCheckpoint(Checkpoint checkpoint, String witness) {
        long size() {
            return checkpoint.size();
        }

        String describe() {
            return witness == null ? "checkpoint " + size() + " kept outside the database"
                    : "checkpoint " + size() + " that witness " + witness + " cosigned";
        }
    }

    /** Receives the state after each chunk. */
    @FunctionalInterface
    interface Progress {
        void reached(VerificationState state) throws SQLException;
    }

    /**
     * Entries a run checks: up to the newest stored checkpoint, or further up to the largest known checkpoint the
     * log still has entries for.
     */
    long total(Connection connection, List<KnownCheckpoint> known) throws SQLException {
        long newest = newestCheckpoint(connection);
        long logSize = logSize(connection);
        long total = Math.max(newest, 0);
        for (KnownCheckpoint checkpoint : known) {
            if (checkpoint.size() <= logSize) {
                total = Math.max(total, checkpoint.size());
            }
        }
        return total;
    }

    /** Runs (or continues) the pass over {@code [state.position, total)} and returns the verdict. */
    VerificationView run(Connection connection, VerificationState state, long total, List<KnownCheckpoint> known,
            Progress progress) throws SQLException {
        Pass pass = new Pass(state, newestCheckpoint(connection), known);
        if (state.position == 0 && state.checkpointsVerified == 0 && state.knownCheckpointsVerified == 0) {
            pass.load(connection, -1, 0);
            pass.checkHeadsAt(0);
        }
        long chunk = config.progressEvery();
        try (Readers readers = new Readers(config.readers())) {
            long scheduled = state.position;
            while (state.position < total && !state.stopped) {
                long from = state.position;
                long to = Math.min(total, from + chunk);
                // the readers work on this chunk and the next while this thread folds their leaves into the tree
                while (scheduled < Math.min(total, to + chunk)) {
                    long end = Math.min(total, scheduled + chunk);
                    readers.schedule(scheduled, end);
                    scheduled = end;
                }
                pass.load(connection, from, to);
                pass.fold(readers, to);
                state.frontier = pass.frontier.subtrees().stream().map(s -> EventService.base64(s.hash())).toList();
                state.position = pass.frontier.size();
                progress.reached(state);
            }
        }
        long logSize = logSize(connection);
        for (KnownCheckpoint checkpoint : pass.known) {
            if (checkpoint.size() > state.position) {
                pass.fail(failure(Kind.FORK, checkpoint.describe() + " is no longer covered: the log has " + logSize
                        + " entries", null, logSize, checkpoint.size(), checkpoint.size())
                        .withWitness(checkpoint.witness()), logSize);
            }
        }
        boolean ok = state.failures.isEmpty();
        return new VerificationView(ok, state.position, state.checkpointsVerified, state.knownCheckpointsVerified,
                EventService.base64(pass.frontier.root()), ok ? null : firstBad(state),
                state.failures.stream().map(Failure::message).toList(), List.copyOf(state.failures),
                state.witnesses.stream().map(held -> new WitnessCheckpoint(held.witness(),
                        held.note() == null ? null : held.checkpoint().size(), held.problem())).toList());
    }

    /**
     * The first entry known to be bad: an exact location, or the start of a range of entries whose recomputed root
     * differs from a signed one and that no exact finding explains.
     */
    private static Long firstBad(VerificationState state) {
        Long first = state.exact.stream().min(Long::compare).orElse(null);
        for (long[] range : state.ranges) {
            boolean explained = state.exact.stream().anyMatch(seq -> seq >= range[0] && seq < range[1]);
            if (!explained && (first == null || range[0] < first)) {
                first = range[0];
            }
        }
        return first;
    }

    private static long newestCheckpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(tree_size), -1) FROM checkpoint")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long logSize(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(seq) + 1, 0) FROM log_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Failure failure(Kind kind, String message, Long seq, Long from, Long to, Long checkpoint) {
        return new Failure(kind, message, seq, from, to, checkpoint, null, null, null);
    }

    private static long key(int level, long index) {
        return ((long) level << 56) | index;
    }

    /**
     * The leaves of the entries {@code [from, from + count)} as one reader recomputed them from the entries' stored
     * bytes, whether each differs from its stored leaf hash, and when each was received; {@code count} falls short of
     * the range asked for at the first missing entry.
     */
    private static final class Leaves {
        final long from;
        final byte[][] hashes;
        final BitSet mismatched = new BitSet();
        final long[] received;
        int count;

        Leaves(long from, long to) {
            this.from = from;
            this.hashes = new byte[(int) (to - from)][];
            this.received = new long[hashes.length];
        }
    }

    /**
     * Reads ranges of entries over connections of their own, one thread each, and hands back the leaves in the order
     * the ranges were scheduled. Each range is one binary {@code COPY} ({@link CopyRows}: each entry hashed where it
     * lies in the message the driver received).
     */
    private final class Readers implements AutoCloseable {
        /** A range being read, by its first entry. */
        private record Range(long from, Future<Leaves> leaves) {
        }

        private final int count;
        private final ExecutorService threads;
        private final Deque<Range> ahead = new ArrayDeque<>();

        Readers(int count) {
            this.count = count;
            AtomicInteger number = new AtomicInteger();
            this.threads = Executors.newFixedThreadPool(count, r -> {
                Thread thread = new Thread(r, "verification-reader-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        /** Splits {@code [from, to)} into one consecutive range per reader. */
        void schedule(long from, long to) {
            long part = Math.max(1, (to - from + count - 1) / count);
            for (long start = from; start < to; start += part) {
                long end = Math.min(to, start + part);
                long first = start;
                ahead.add(new Range(first, threads.submit(() -> read(first, end))));
            }
        }

        /** The first entry of the next range {@link #take} returns; {@code Long.MAX_VALUE} when none is scheduled. */
        long nextFrom() {
            return ahead.isEmpty() ? Long.MAX_VALUE : ahead.getFirst().from();
        }

        Leaves take() throws SQLException {
            try {
                return ahead.removeFirst().leaves().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("The verification run was interrupted", e);
            }
        }

        private Leaves read(long from, long to) throws SQLException {
            String sql = "COPY (SELECT seq, entry, leaf_hash, received_at FROM log_entry WHERE seq >= " + from
                    + " AND seq < " + to + " ORDER BY seq) TO STDOUT (FORMAT binary)";
            Leaves leaves = new Leaves(from, to);
            try (Connection connection = dataSource.getConnection();
                    CopyRows rows = new CopyRows(connection.unwrap(PGConnection.class), sql, 4)) {
                while (rows.next()) {
                    if (rows.int8() != from + leaves.count) {
                        break;
                    }
                    byte[] hash = rows.leafHash();
                    leaves.hashes[leaves.count] = hash;
                    if (!rows.fieldEquals(hash)) {
                        leaves.mismatched.set(leaves.count);
                    }
                    leaves.received[leaves.count] = rows.timestamp();
                    leaves.count++;
                }
            }
            return leaves;
        }

        /** Stops the readers; one still reading (the run ended early, or failed) finishes its range unread. */
        @Override
        public void close() {
            ahead.forEach(range -> range.leaves().cancel(true));
            threads.shutdownNow();
        }
    }

    private record StoredHead(long size, byte[] root, String note, Instant signedAt) {
    }

    /** One run's working state around the persisted {@link VerificationState}. */
    private final class Pass {
        final VerificationState state;
        final MerkleFrontier frontier;
        final long storedUpTo;
        final Deque<KnownCheckpoint> known = new ArrayDeque<>();
        Map<Long, byte[]> nodes = Map.of();
        Deque<StoredHead> heads = new ArrayDeque<>();

        Pass(VerificationState state, long storedUpTo, List<KnownCheckpoint> known) {
            this.state = state;
            this.storedUpTo = storedUpTo;
            Map<Long, byte[]> edge = new HashMap<>();
            List<RightEdge.Part> parts = RightEdge.parts(state.position);
            for (int i = 0; i < parts.size(); i++) {
                edge.put(key(parts.get(i).level(), parts.get(i).index()),
                        Base64.getDecoder().decode(state.frontier.get(i)));
            }
            this.frontier = MerkleFrontier.restore(state.position, (level, index) -> edge.get(key(level, index)),
                    this::completed);
            // on a fresh run every known checkpoint is ahead; on a continued one those passed were checked
            known.stream().filter(c -> c.size() > state.position
                    || (c.size() == 0 && state.knownCheckpointsVerified == 0))
                    .sorted(Comparator.comparingLong(KnownCheckpoint::size)).forEach(this.known::add);
        }

        /** Reads the stored subtrees completed in {@code (from, to]} and the stored checkpoints of those sizes. */
        void load(Connection connection, long from, long to) throws SQLException {
            nodes = new HashMap<>();
            if (from >= 0) {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT idx, hash FROM merkle_node WHERE level = ? AND idx >= ? AND idx < ?")) {
                    for (int level = MerkleTreeStore.STORED_LEVEL; level < 63 && (to >> level) > 0; level++) {
                        if ((from >> level) == (to >> level)) {
                            continue;
                        }
                        query.setInt(1, level);
                        query.setLong(2, from >> level);
                        query.setLong(3, to >> level);
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                nodes.put(key(level, rows.getLong(1)), rows.getBytes(2));
                            }
                        }
                    }
                }
            }
            heads = new ArrayDeque<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT tree_size, root_hash, note, signed_at "
                    + "FROM checkpoint WHERE tree_size > ? AND tree_size <= ? ORDER BY tree_size")) {
                query.setLong(1, from);
                query.setLong(2, to);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        heads.add(new StoredHead(rows.getLong(1), rows.getBytes(2), rows.getString(3),
                                rows.getTimestamp(4).toInstant()));
                    }
                }
            }
        }

        /** Folds the leaves the readers recomputed up to entry {@code to} into the tree, checking as it goes. */
        void fold(Readers readers, long to) throws SQLException {
            long next = nextCheck();
            boolean hole = false;
            while (!hole && readers.nextFrom() < to) {
                Leaves leaves = readers.take();
                for (int i = 0; i < leaves.count; i++) {
                    leaf(leaves.from + i, leaves.hashes[i], leaves.mismatched.get(i), leaves.received[i]);
                    if (frontier.size() == next) {
                        checkHeadsAt(next);
                        next = nextCheck();
                    }
                }
                hole = leaves.count < leaves.hashes.length;
            }
            if (frontier.size() < to) {
                long missing = frontier.size();
                fail(failure(Kind.ENTRY_MISSING, "entry " + missing + " is missing though a checkpoint covers it",
                        missing, missing, to, null), missing);
                state.stopped = true;
            }
        }

        private long nextCheck() {
            long next = Long.MAX_VALUE;
            if (!heads.isEmpty()) {
                next = heads.getFirst().size();
            }
            if (!known.isEmpty()) {
                next = Math.min(next, known.getFirst().size());
            }
            return next;
        }

        void leaf(long seq, byte[] leafHash, boolean mismatched, long receivedMicros) {
            if (seq == state.lastStoredHead && state.firstUncoveredReceivedAt == null) {
                long micros = receivedMicros + POSTGRES_EPOCH_MICROS;
                state.firstUncoveredReceivedAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                        Math.floorMod(micros, 1_000_000) * 1_000L);
            }
            if (mismatched) {
                fail(failure(Kind.ENTRY, "entry " + seq + " does not match its stored leaf hash", seq, seq, seq + 1,
                        null), seq);
            }
            frontier.append(leafHash);
        }

        /** Each perfect subtree the recomputation completes: compared with the stored one at levels that are stored. */
        private void completed(PerfectSubtree node) {
            if (node.level() < MerkleTreeStore.STORED_LEVEL) {
                return;
            }
            byte[] stored = nodes.get(key(node.level(), node.index()));
            String name = "stored subtree " + node.level() + "/" + node.index() + " (entries " + node.start() + ".."
                    + node.end() + ")";
            if (stored == null && node.end() <= storedUpTo) {
                fail(new Failure(Kind.SUBTREE_MISSING, name + " is missing though a checkpoint covers it",
                        null, node.start(), node.end(), null, node.level(), node.index(), null), node.start());
            } else if (stored != null && !MessageDigest.isEqual(stored, node.hash())) {
                // a changed entry already located inside it explains the difference; otherwise the subtree is bad
                boolean explained = state.exact.stream().anyMatch(seq -> seq >= node.start() && seq < node.end());
                fail(new Failure(Kind.SUBTREE, name + " differs from the one recomputed from its entries",
                        null, node.start(), node.end(), null, node.level(), node.index(), null),
                        explained ? -1 : node.start());
            }
        }

        void checkHeadsAt(long size) {
            StoredHead stored = null;
            while (!heads.isEmpty() && heads.getFirst().size() == size) {
                stored = heads.removeFirst();
                checkStored(stored);
            }
            while (!known.isEmpty() && known.getFirst().size() == size) {
                checkKnown(known.removeFirst(), stored);
            }
        }

        private void checkStored(StoredHead head) {
            long size = head.size();
            state.checkpointsVerified++;
            Checkpoint signed = open(head.note());
            if (signed == null || signed.size() != size) {
                fail(failure(Kind.CHECKPOINT_SIGNATURE, "checkpoint " + size
                        + " has no valid signature by a published key", size, null, null, size), size);
            } else if (!MessageDigest.isEqual(frontier.root(), signed.rootHash())) {
                state.ranges.add(new long[] { state.lastGoodHead, size });
                fail(failure(Kind.CHECKPOINT_ROOT, "entries " + state.lastGoodHead + ".." + size
                        + " were changed: the recomputed root differs from signed checkpoint " + size, null,
                        state.lastGoodHead, size, size), -1);
            } else {
                if (!MessageDigest.isEqual(head.root(), signed.rootHash())) {
                    fail(failure(Kind.CHECKPOINT_SIGNATURE, "the stored root of checkpoint " + size
                            + " differs from its signed note", size, null, null, size), size);
                }
                state.lastGoodHead = Math.max(state.lastGoodHead, size);
            }
            Instant waited = state.firstUncoveredReceivedAt;
            if (waited != null && size > state.lastStoredHead
                    && Duration.between(waited, head.signedAt()).compareTo(config.maxCheckpointDelay()) > 0) {
                fail(failure(Kind.CHECKPOINT_GAP, "entries " + state.lastStoredHead + ".." + size + " waited "
                        + Duration.between(waited, head.signedAt()).toSeconds() + " s for a checkpoint (entry "
                        + state.lastStoredHead + " was received at " + waited + ", checkpoint " + size
                        + " signed at " + head.signedAt() + "; at most " + config.maxCheckpointDelay().toSeconds()
                        + " s expected): checkpoints were deleted, or signing was stopped", null,
                        state.lastStoredHead, size, size), -1);
            }
            state.lastStoredHead = size;
            state.firstUncoveredReceivedAt = null;
        }

        private void checkKnown(KnownCheckpoint known, StoredHead stored) {
            Checkpoint checkpoint = known.checkpoint();
            long size = checkpoint.size();
            state.knownCheckpointsVerified++;
            if (MessageDigest.isEqual(frontier.root(), checkpoint.rootHash())) {
                state.lastGoodHead = Math.max(state.lastGoodHead, size);
                return;
            }
            String held = stored == null ? "the database holds no checkpoint at " + size
                    : MessageDigest.isEqual(stored.root(), checkpoint.rootHash())
                            ? "the database holds it, but not the entries it signed"
                            : "the database holds another checkpoint at " + size;
            state.ranges.add(new long[] { state.lastGoodHead, size });
            fail(failure(Kind.FORK, known.describe() + " differs from the log recomputed at " + size + " (" + held
                    + "): entries " + state.lastGoodHead + ".." + size + " were rewritten", null, state.lastGoodHead,
                    size, size).withWitness(known.witness()), -1);
        }

        private Checkpoint open(String note) {
            try {
                return Checkpoint.open(note, keys.all());
            } catch (NoteException | IllegalArgumentException e) {
                return null;
            }
        }

        /** Records a failure; {@code exact} is the entry it locates, or -1 when it locates only a range. */
        void fail(Failure failure, long exact) {
            if (exact >= 0) {
                state.exact.add(exact);
            }
            if (state.failures.size() < MAX_FAILURES) {
                state.failures.add(failure);
            }
        }
    }
}
