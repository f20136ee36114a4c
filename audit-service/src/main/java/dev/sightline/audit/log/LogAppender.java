package dev.sightline.audit.log;

import dev.sightline.audit.log.EntryFactory.PreparedEntry;
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
 */
@ApplicationScoped
class LogAppender {
    /** Key of the transaction-level advisory lock that every appender takes. */
    static final long APPEND_LOCK = 0x5349_4748_544c_0001L;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COPY_SQL = "COPY log_entry " + LogCopyFormat.COLUMNS + " FROM STDIN";

    private final AgroalDataSource dataSource;
    private final LogConfig config;
    private final CommittedLeaves committed;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;

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
            return pending.result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // Still queued or in flight: the client must retry with the same eventIds, which is safe.
            throw ProblemException.unavailable("The log did not confirm the append in time; retry with the same eventIds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while appending; retry with the same eventIds");
        }
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int events = first.entries.size();
                Pending next;
                while (events < config.append().maxGroupEvents() && (next = queue.peek()) != null
                        && events + next.entries.size() <= config.append().maxGroupEvents()) {
                    group.add(queue.poll());
                    events += next.entries.size();
                }
                writeGroup(group, false);
            } catch (InterruptedException e) {
                if (!running) {
                    continue;
                }
            } catch (SQLException | RuntimeException e) {
                Log.errorf(e, "Appending %d requests failed; none of them was acknowledged", group.size());
                RuntimeException failure = ProblemException.unavailable(
                        "The log could not store the events; nothing was stored, retry with the same eventIds");
                group.forEach(p -> p.result.completeExceptionally(failure));
            }
        }
    }

    /**
     * Appends a group in one transaction. Retries are rare, so the first attempt does not look
     * the group's eventIds up: it relies on the unique index, and only when that reports a
     * duplicate is the group appended again with the lookup.
     */
    private void writeGroup(List<Pending> group, boolean lookUpKnown) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
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
                connection.rollback();
                if (!lookUpKnown && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    writeGroup(group, true);
                    return;
                }
                throw e;
            }
            committed.publish(first, rows);
            acknowledgements.forEach(Runnable::run);
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
