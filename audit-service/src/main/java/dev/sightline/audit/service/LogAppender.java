package dev.sightline.audit.service;

import dev.sightline.audit.config.LogConfig;
import dev.sightline.audit.rest.dto.EventRequest;
import dev.sightline.audit.service.EntryFactory.PreparedEntry;
import dev.sightline.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
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

/**
 * Appends entries to the log. One writer thread takes the events of every waiting request and
 * appends them in one transaction (group commit): under an advisory lock that serialises appenders
 * across replicas, it drops retries of known events, numbers the new ones densely after the last
 * seq, and streams them with COPY. Plain JDBC and COPY because this is the hot path: Hibernate
 * would insert row by row. A request is answered only after its transaction committed.
 */
@ApplicationScoped
public class LogAppender {
    /** Key of the transaction-level advisory lock that every appender takes. */
    static final long APPEND_LOCK = 0x5349_4748_544c_0001L;
    private static final String COPY_SQL = "COPY log_entry (seq, event_id, partnership_id, occurred_at, received_at, "
            + "actor_type, actor_id, action, feature, data_categories, record_count, subject_ref, processing_mode, "
            + "processing_country, purpose, outcome, entry, leaf_hash) FROM STDIN";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final AgroalDataSource dataSource;
    private final LogConfig config;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;

    LogAppender(AgroalDataSource dataSource, LogConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** What became of one posted event. */
    public record Appended(UUID eventId, long seq, byte[] leafHash, boolean duplicate) {
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
    public List<Appended> append(List<PreparedEntry> entries) {
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
                writeGroup(group);
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

    private void writeGroup(List<Pending> group) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            }
            Map<UUID, Stored> known = findStored(connection, group);
            long next = nextSeq(connection);
            StringBuilder copy = new StringBuilder(group.size() * 2048);
            List<Runnable> acknowledgements = new ArrayList<>(group.size());
            for (Pending pending : group) {
                next = admit(pending, known, next, copy, acknowledgements);
            }
            if (copy.length() > 0) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                pg.getCopyAPI().copyIn(COPY_SQL,
                        new ByteArrayInputStream(copy.toString().getBytes(StandardCharsets.UTF_8)));
            }
            connection.commit();
            acknowledgements.forEach(Runnable::run);
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into log_entry failed", e);
        }
    }

    /** Numbers the request's new events, or refuses the whole request on a conflicting retry. */
    private static long admit(Pending pending, Map<UUID, Stored> known, long next, StringBuilder copy,
            List<Runnable> acknowledgements) {
        List<Appended> result = new ArrayList<>(pending.entries.size());
        Map<UUID, Stored> admitted = new HashMap<>();
        List<PreparedEntry> rows = new ArrayList<>(pending.entries.size());
        long seq = next;
        for (PreparedEntry entry : pending.entries) {
            UUID id = entry.event().eventId();
            Stored stored = admitted.getOrDefault(id, known.get(id));
            if (stored == null) {
                Stored fresh = new Stored(seq++, entry.leafHash(), () -> EntryFactory.canonicalEvent(entry.event()));
                admitted.put(id, fresh);
                rows.add(entry);
                result.add(new Appended(id, fresh.seq(), fresh.leafHash(), false));
            } else if (Arrays.equals(stored.canonicalEvent().get(), EntryFactory.canonicalEvent(entry.event()))) {
                result.add(new Appended(id, stored.seq(), stored.leafHash(), true));
            } else {
                pending.result.completeExceptionally(ProblemException.conflict("Event " + id
                        + " is already in the log (seq " + stored.seq() + ") with different content"));
                return next;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            appendCopyRow(copy, next + i, rows.get(i));
        }
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

    private static void appendCopyRow(StringBuilder row, long seq, PreparedEntry prepared) {
        EventRequest e = prepared.event();
        row.append(seq).append('\t')
                .append(e.eventId()).append('\t')
                .append(e.partnershipId()).append('\t')
                .append(TIMESTAMP.format(e.occurredAt())).append('\t')
                .append(TIMESTAMP.format(prepared.receivedAt())).append('\t')
                .append(e.actor().type().name()).append('\t');
        escape(row, e.actor().id()).append('\t')
                .append(e.action().name()).append('\t');
        escape(row, e.feature()).append('\t')
                .append('{').append(String.join(",", e.dataCategories())).append('}').append('\t')
                .append(e.recordCount()).append('\t');
        escape(row, e.subjectRef()).append('\t')
                .append(e.processing().mode().name()).append('\t')
                .append(e.processing().country()).append('\t');
        escape(row, e.purpose()).append('\t')
                .append(e.outcome().name()).append('\t');
        escape(row, new String(prepared.entry(), StandardCharsets.UTF_8)).append('\t')
                .append("\\\\x").append(HEX.formatHex(prepared.leafHash())).append('\n');
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped; null is \N. */
    private static StringBuilder escape(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
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
