package dev.sightline.audit.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.audit.log.VerificationService.KnownCheckpoint;
import dev.sightline.audit.log.rest.dto.VerificationJobView;
import dev.sightline.audit.log.rest.dto.VerificationJobView.Progress;
import dev.sightline.audit.log.rest.dto.VerificationJobView.State;
import dev.sightline.audit.log.rest.dto.VerificationRequest;
import dev.sightline.audit.log.rest.dto.VerificationView;
import dev.sightline.support.health.DatabaseHealth;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.verifier.note.Checkpoint;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Verification runs as jobs: queued by {@code POST /api/v1/verifications}, run one at a time in the background (a
 * partial unique index admits one QUEUED or RUNNING row; the replica holding a session advisory lock runs it), their
 * progress persisted after every chunk of entries, so that a run a restart interrupts continues from its last
 * persisted position on whichever replica looks next (every {@code sightline.log.verification.poll-interval}).
 * A run compares the log with the checkpoints given with it and with the latest checkpoint each configured witness
 * cosigned, read when the run starts and kept with its progress. Plain JDBC: the run streams the log with
 * {@code COPY}, which Hibernate cannot.
 */
@ApplicationScoped
public class VerificationJobs {
    static final long RUNNER_LOCK = 0x5349_4748_544c_0003L;
    private static final String COLUMNS = "id, state, requested_by, requested_at, started_at, resumed_at, "
            + "resumed_from, finished_at, total, checked, result, error, known_checkpoints, progress";

    private final AgroalDataSource dataSource;
    private final VerificationService verification;
    private final SigningKeys keys;
    private final Witnesses witnesses;
    private final LogConfig config;
    private final DatabaseHealth database;
    private final ObjectMapper json;
    private ScheduledExecutorService runner;

    VerificationJobs(AgroalDataSource dataSource, VerificationService verification, SigningKeys keys,
            Witnesses witnesses, LogConfig config, DatabaseHealth database, ObjectMapper json) {
        this.dataSource = dataSource;
        this.verification = verification;
        this.keys = keys;
        this.witnesses = witnesses;
        this.config = config;
        this.database = database;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "verification");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.verification().pollInterval().toMillis();
        runner.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    /** Queues a run; 409 while another is queued or running. */
    public VerificationJobView submit(VerificationRequest request, String requestedBy) {
        List<String> notes = request == null || request.knownCheckpoints() == null ? List.of()
                : request.knownCheckpoints();
        KnownCheckpoints.open(notes, "knownCheckpoints", config.origin(), keys.all());
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO verification_job "
                        + "(id, state, requested_by, requested_at, known_checkpoints) VALUES (?, 'QUEUED', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, requestedBy);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.setArray(4, connection.createArrayOf("text", notes.toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw ProblemException.conflict("A verification is already queued or running; follow it at "
                        + active().map(job -> "/api/v1/verifications/" + job.id()).orElse("/api/v1/verifications"));
            }
            throw ProblemException.unavailable("The verification could not be queued; retry");
        }
        // start now rather than at the next poll
        runner.execute(this::poll);
        return find(id).orElseThrow();
    }

    public Optional<VerificationJobView> find(UUID id) {
        return read("SELECT " + COLUMNS + " FROM verification_job WHERE id = '" + id + "'");
    }

    private Optional<VerificationJobView> active() {
        return read("SELECT " + COLUMNS + " FROM verification_job WHERE state IN ('QUEUED', 'RUNNING')");
    }

    private Optional<VerificationJobView> read(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? Optional.of(view(row)) : Optional.empty();
        } catch (SQLException e) {
            throw ProblemException.unavailable("The log's database cannot be reached; retry shortly");
        }
    }

    private VerificationJobView view(ResultSet row) throws SQLException {
        Instant resumedAt = instant(row, "resumed_at");
        Instant finishedAt = instant(row, "finished_at");
        long checked = row.getLong("checked");
        long resumedFrom = row.getLong("resumed_from");
        long rate = 0;
        if (resumedAt != null) {
            long millis = Duration.between(resumedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis();
            rate = (checked - resumedFrom) * 1000 / Math.max(1, millis);
        }
        long total = row.getLong("total");
        Progress progress = new Progress(checked, row.wasNull() ? null : total, rate);
        String result = row.getString("result");
        Long resumed = row.getObject("resumed_from") == null || resumedFrom == 0 ? null : resumedFrom;
        return new VerificationJobView(row.getObject("id", UUID.class), State.valueOf(row.getString("state")),
                row.getString("requested_by"), instant(row, "requested_at"), instant(row, "started_at"), finishedAt,
                progress, resumed, result == null ? null : parse(result, VerificationView.class),
                row.getString("error"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Runs queued runs, and continues interrupted ones, while this replica holds the runner lock. */
    private void poll() {
        if (!database.migrated()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "pg_try_advisory_lock")) {
                return;
            }
            try {
                Job job;
                while ((job = next(connection)) != null) {
                    run(connection, job);
                }
            } finally {
                lock(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            Log.warnf("A verification run was interrupted (%s); it continues from its last persisted position",
                    DatabaseHealth.reason(e));
        } catch (RuntimeException e) {
            Log.errorf(e, "Looking for verification runs failed");
        }
    }

    private static boolean lock(Connection connection, String function) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT " + function + "(" + RUNNER_LOCK + ")")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** A run as stored, with what it needs to start or continue. */
    private record Job(UUID id, boolean running, List<String> known, Long total, String progress) {
    }

    private static Job next(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id, state, known_checkpoints, total, progress "
                        + "FROM verification_job WHERE state IN ('QUEUED', 'RUNNING') ORDER BY requested_at LIMIT 1")) {
            if (!row.next()) {
                return null;
            }
            Array known = row.getArray(3);
            Long total = row.getObject(4) == null ? null : row.getLong(4);
            return new Job(row.getObject(1, UUID.class), row.getString(2).equals("RUNNING"),
                    Arrays.asList((String[]) known.getArray()), total, row.getString(5));
        }
    }

    private void run(Connection connection, Job job) throws SQLException {
        List<Checkpoint> known;
        try {
            known = KnownCheckpoints.open(job.known(), "knownCheckpoints", config.origin(), keys.all());
        } catch (ProblemException e) {
            finish(connection, job.id(), "FAILED", null, e.getMessage());
            return;
        }
        VerificationState state;
        if (job.progress() == null) {
            state = new VerificationState();
            state.witnesses = witnesses.held();
            state.witnesses.stream().filter(held -> held.problem() != null).forEach(held -> Log.warnf(
                    "Verification %s: no checkpoint of witness %s to compare: %s", job.id(), held.witness(),
                    held.problem()));
        } else {
            state = parse(job.progress(), VerificationState.class);
        }
        List<KnownCheckpoint> all = new ArrayList<>();
        known.forEach(checkpoint -> all.add(new KnownCheckpoint(checkpoint, null)));
        state.witnesses.stream().filter(held -> held.note() != null)
                .forEach(held -> all.add(new KnownCheckpoint(held.checkpoint(), held.witness())));
        long total = job.total() != null ? job.total() : verification.total(connection, all);
        try (PreparedStatement update = connection.prepareStatement("UPDATE verification_job SET state = 'RUNNING', "
                + "started_at = coalesce(started_at, now()), resumed_at = now(), resumed_from = ?, total = ?, "
                + "checked = ? WHERE id = ?")) {
            update.setLong(1, state.position);
            update.setLong(2, total);
            update.setLong(3, state.position);
            update.setObject(4, job.id());
            update.executeUpdate();
        }
        if (job.running()) {
            Log.infof("Verification %s continues at entry %d of %d", job.id(), state.position, total);
        } else {
            Log.infof("Verification %s starts: %d entries, %d known checkpoints (%d of witnesses)", job.id(), total,
                    all.size(), all.size() - known.size());
        }
        VerificationView result;
        try {
            result = verification.run(connection, state, total, all, reached -> progress(connection, job.id(),
                    reached));
        } catch (RuntimeException e) {
            Log.errorf(e, "Verification %s failed", job.id());
            finish(connection, job.id(), "FAILED", null, "internal error; see the service's log");
            return;
        }
        finish(connection, job.id(), "DONE", result, null);
        Log.infof("Verification %s done: %s over %d entries%s", job.id(), result.ok() ? "ok" : "NOT ok",
                result.verifiedSize(), result.ok() ? "" : ", first bad seq " + result.firstBadSeq() + ": "
                        + result.findings().get(0));
    }

    private void progress(Connection connection, UUID id, VerificationState state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE verification_job SET checked = ?, progress = ?::jsonb WHERE id = ?")) {
            update.setLong(1, state.position);
            update.setString(2, write(state));
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    private void finish(Connection connection, UUID id, String state, VerificationView result, String error)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE verification_job SET state = ?, "
                + "finished_at = now(), result = ?::jsonb, error = ?, checked = coalesce(?, checked) WHERE id = ?")) {
            update.setString(1, state);
            update.setString(2, result == null ? null : write(result));
            update.setString(3, error);
            update.setObject(4, result == null ? null : result.verifiedSize());
            update.setObject(5, id);
            update.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Verification state cannot be written", e);
        }
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored verification state cannot be read", e);
        }
    }
}
