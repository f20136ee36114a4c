package dev.sightline.audit.log;

import dev.sightline.audit.log.EntryFactory.PreparedEntry;
import dev.sightline.support.health.DatabaseHealth;
import dev.sightline.support.problem.Problem.FieldError;
import dev.sightline.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Appends entries to the log. One writer thread takes the events of every waiting request and
 * appends them in one transaction (group commit): under an advisory lock that serialises appenders
 * across replicas, it drops retries of known events, numbers the new ones densely after the last
 * seq, and streams them with COPY. Plain JDBC and COPY because this is the hot path: Hibernate
 * would insert row by row. A request is answered only after its transaction committed.
 *
 * <p>One request must not fail the others: the validator refuses up front what the database would, and when a
 * group is still refused for its data, each request is written again alone, so only the one at fault fails
 * (400). A request waits at most {@code sightline.log.append.timeout}; the writer's connection has the same
 * network timeout, so a frozen database fails the group instead of holding the writer. Failures are logged
 * once when they start and once when appending works again, with the count in between.
 */
@ApplicationScoped
class LogAppender {
    /** Key of the transaction-level advisory lock that every appender takes. */
    static final long APPEND_LOCK = 0x5349_4748_544c_0001L;
    private static final String UNIQUE_VIOLATION = "23505";
    static final String MAY_NOT_BE_STORED = "may not have been stored; retry with the same eventIds";
    private static final String COPY_SQL = "COPY log_entry " + LogCopyFormat.COLUMNS + " FROM STDIN";

    private final AgroalDataSource dataSource;
    private final LogConfig config;
    private final CommittedLeaves committed;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService networkTimeouts = Executors.newSingleThreadExecutor();
    private volatile boolean running;
    private Thread writer;
    private long failedGroups;

    LogAppender(AgroalDataSource dataSource, LogConfig config, CommittedLeaves committed) {
        this.dataSource = dataSource;
        this.config = config;
        this.committed = committed;
    }

    /** What became of one posted event. */
    record Appended(UUID eventId, long seq, byte[] leafHash, boolean duplicate) {
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::writeLoop, "log-appender");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(10_000);
        networkTimeouts.shutdownNow();
    }

    /**
     * Appends the events, all or none, and returns once they are durably committed (or were
     * already in the log). Throws a 409 problem when an eventId is known with other content.
     */
    List<Appended> append(List<PreparedEntry> entries) {
        Pending pending = new Pending(entries);
        if (!running) {
            throw ProblemException.unavailable("The log is shutting down; retry");
        }
        queue.add(pending);
        try {
            return pending.result.get(config.append().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // Still queued (the writer then skips it) or in flight: a retry with the same eventIds is safe.
            pending.result.cancel(false);
            throw ProblemException.unavailable("The log did not confirm the append within "
                    + config.append().timeout().toMillis() + " ms; the events " + MAY_NOT_BE_STORED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while appending; the events " + MAY_NOT_BE_STORED);
        }
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null || first.result.isDone()) {
                    continue;
                }
                group.add(first);
                int events = first.entries.size();
                Pending next;
                while (events < config.append().maxGroupEvents() && (next = queue.peek()) != null
                        && events + next.entries.size() <= config.append().maxGroupEvents()) {
                    queue.poll();
                    if (!next.result.isDone()) {
                        group.add(next);
                        events += next.entries.size();
                    }
                }
                write(group);
            } catch (InterruptedException e) {
                if (!running) {
                    continue;
                }
            }
        }
    }

    /** Writes a group; when the database refuses its data, writes each request alone so only the bad one fails. */
    private void write(List<Pending> group) {
        try {
            writeGroup(group, false);
            recovered();
        } catch (SQLException e) {
            if (group.size() > 1 && refusedData(e)) {
                group.stream().filter(pending -> !pending.result.isDone())
                        .forEach(pending -> write(List.of(pending)));
                return;
            }
            if (refusedData(e)) {
                recovered();
                group.get(0).result.completeExceptionally(ProblemException.badRequest("The database refused the "
                        + "events (SQLSTATE " + e.getSQLState() + "); nothing of this request was stored",
                        List.of(new FieldError("$", "holds a value the log cannot store"))));
                return;
            }
            fail(group, e);
        } catch (RuntimeException e) {
            Log.errorf(e, "Appending %d requests failed", group.size());
            fail(group, e);
        }
    }

    private void fail(List<Pending> group, Exception e) {
        if (failedGroups++ == 0) {
            Log.warnf("Appending fails (%s); answering 503 until it works again", DatabaseHealth.reason(e));
        }
        RuntimeException failure = ProblemException.unavailable("The log could not confirm the append; the events "
                + MAY_NOT_BE_STORED);
        group.forEach(p -> p.result.completeExceptionally(failure));
    }

    private void recovered() {
        if (failedGroups > 0) {
            Log.infof("Appending works again after %d failed groups", failedGroups);
            failedGroups = 0;
        }
    }

    /** Whether PostgreSQL refused the data itself (a value, a constraint, a size), not the connection. */
    private static boolean refusedData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /**
     * Appends a group in one transaction. Retries are rare, so the first attempt does not look
     * the group's eventIds up: it relies on the unique index, and only when that reports a
     * duplicate is the group appended again with the lookup.
     */
    private void writeGroup(List<Pending> group, boolean lookUpKnown) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(networkTimeouts, (int) config.append().timeout().toMillis());
            try {
                writeGroup(connection, group, lookUpKnown);
            } finally {
                resetNetworkTimeout(connection);
            }
        }
    }

    private void writeGroup(Connection connection, List<Pending> group, boolean lookUpKnown) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
        }
        Map<UUID, Stored> known = lookUpKnown ? findStored(connection, group) : new HashMap<>();
        long first = nextSeq(connection);
        long next = first;
        List<PreparedEntry> rows = new ArrayList<>();
        List<Runnable> acknowledgements = new ArrayList<>(group.size());
        for (Pending pending : group) {
            next = admit(pending, known, next, rows, acknowledgements);
        }
        try {
            copy(connection, first, rows);
            connection.commit();
        } catch (SQLException e) {
            rollback(connection, e);
            if (!lookUpKnown && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                writeGroup(connection, group, true);
                return;
            }
            throw e;
        }
        committed.publish(first, rows);
        acknowledgements.forEach(Runnable::run);
    }

    /** The pool's other users run long reads (verification) that must not inherit the writer's bound. */
    private void resetNetworkTimeout(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setNetworkTimeout(networkTimeouts, 0);
            }
        } catch (SQLException e) {
            // a broken connection is discarded by the pool either way
        }
    }

    /** Rolls back what can be; a failure to do so must not hide the error that led here. */
    private static void rollback(Connection connection, SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void copy(Connection connection, long first, List<PreparedEntry> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        try {
            for (int i = 0; i < rows.size(); i++) {
                byte[] seq = (Long.toString(first + i) + '\t').getBytes(StandardCharsets.US_ASCII);
                copy.writeToCopy(seq, 0, seq.length);
                byte[] row = rows.get(i).copyRow();
                copy.writeToCopy(row, 0, row.length);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Numbers the request's new events, or refuses the whole request on a conflicting retry. */
    private static long admit(Pending pending, Map<UUID, Stored> known, long next, List<PreparedEntry> rows,
            List<Runnable> acknowledgements) {
        List<Appended> result = new ArrayList<>(pending.entries.size());
        Map<UUID, Stored> admitted = new HashMap<>();
        List<PreparedEntry> own = new ArrayList<>(pending.entries.size());
        long seq = next;
        for (PreparedEntry entry : pending.entries) {
            UUID id = entry.event().eventId();
            Stored stored = admitted.getOrDefault(id, known.get(id));
            if (stored == null) {
                Stored fresh = new Stored(seq++, entry.leafHash(), () -> EntryFactory.canonicalEvent(entry.event()));
                admitted.put(id, fresh);
                own.add(entry);
                result.add(new Appended(id, fresh.seq(), fresh.leafHash(), false));
            } else if (Arrays.equals(stored.canonicalEvent().get(), EntryFactory.canonicalEvent(entry.event()))) {
                result.add(new Appended(id, stored.seq(), stored.leafHash(), true));
            } else {
                pending.result.completeExceptionally(ProblemException.conflict("Event " + id
                        + " is already in the log (seq " + stored.seq() + ") with different content"));
                return next;
            }
        }
        rows.addAll(own);
        known.putAll(admitted);
        acknowledgements.add(() -> pending.result.complete(result));
        return seq;
    }

    private static Map<UUID, Stored> findStored(Connection connection, List<Pending> group) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        group.forEach(p -> p.entries.forEach(e -> ids.add(e.event().eventId())));
        Map<UUID, Stored> known = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT event_id, seq, leaf_hash, entry FROM log_entry WHERE event_id = ANY (?)")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String entry = rows.getString(4);
                    known.put(rows.getObject(1, UUID.class), new Stored(rows.getLong(2), rows.getBytes(3),
                            () -> EntryFactory.canonicalEventOf(entry)));
                }
            }
        }
        return known;
    }

    private static long nextSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(seq) + 1, 0) FROM log_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** An entry already in the log or admitted earlier in this group; its event is canonicalised only if retried. */
    private record Stored(long seq, byte[] leafHash, Supplier<byte[]> canonicalEvent) {
    }

    private static final class Pending {
        final List<PreparedEntry> entries;
        final CompletableFuture<List<Appended>> result = new CompletableFuture<>();

        Pending(List<PreparedEntry> entries) {
            this.entries = entries;
        }
    }
}
