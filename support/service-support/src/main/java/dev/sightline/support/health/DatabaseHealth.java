package dev.sightline.support.health;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Whether PostgreSQL answers, watched from one background thread so that nothing waits on a database that
 * hangs. The service starts without its database: the schema is migrated here (once before the service
 * serves, then in the background), retried with backoff ({@code sightline.database.retry-delay} doubling to
 * {@code max-retry-delay}), and readiness stays DOWN until it is. Then a {@code SELECT 1} runs every
 * {@code check-interval}; one that does not answer within {@code check-timeout} marks the database DOWN and closes
 * the pool's idle connections, so that new requests do not hang on a frozen server (those in flight end by their
 * own network timeouts). Each change of state is logged once, with the number of failed attempts; the attempts in
 * between are not.
 */
@ApplicationScoped
public class DatabaseHealth {
    public static final String NAME = "database";

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final DatabaseConfig config;
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> daemon(r, "database-probe"));
    private Thread watcher;
    private volatile boolean running;
    private volatile boolean migrated;
    private volatile boolean up;
    private volatile Instant since = Instant.now();
    private volatile String lastError = "not checked yet";
    private volatile long failures;

    DatabaseHealth(AgroalDataSource dataSource, Flyway flyway, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.config = config;
    }

    void start(@Observes StartupEvent event) throws InterruptedException {
        // the first attempt before serving, so that a service whose database is there starts ready
        migrated = attempt(this::migrate);
        running = true;
        watcher = daemon(this::watch, "database-watch");
        watcher.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
            watcher.join(5_000);
        }
        probes.shutdownNow();
    }

    /** True once the schema is migrated and while the last check was answered in time. */
    public boolean up() {
        return migrated && up;
    }

    /** True once the schema is migrated; before that no table may be read. */
    public boolean migrated() {
        return migrated;
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> {
            HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).status(up())
                    .withData("schemaMigrated", migrated).withData("since", since.toString());
            if (!up()) {
                health.withData("failedAttempts", failures).withData("lastError", lastError);
            }
            return health.build();
        };
    }

    private void watch() {
        Duration delay = config.retryDelay();
        while (running) {
            try {
                if (!migrated) {
                    if (attempt(this::migrate)) {
                        migrated = true;
                        delay = config.retryDelay();
                    } else {
                        Thread.sleep(delay.toMillis());
                        delay = min(delay.multipliedBy(2), config.maxRetryDelay());
                        continue;
                    }
                } else {
                    attempt(this::probe);
                }
                Thread.sleep(config.checkInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Void migrate() throws SQLException {
        flyway.migrate();
        warnIfOwner();
        return null;
    }

    /**
     * The service's own role must not own its schema or be a superuser: either could switch off the triggers that
     * keep history append-only. Tests and single-user local runs do; a deployment must not (docs/database-roles.md).
     */
    private void warnIfOwner() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet role = statement.executeQuery("SELECT current_user, r.rolsuper, EXISTS (SELECT 1 FROM "
                        + "pg_namespace n WHERE n.nspname = current_schema() AND n.nspowner = r.oid) OR EXISTS ("
                        + "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relowner = r.oid) "
                        + "FROM pg_roles r WHERE r.rolname = current_user")) {
            if (role.next() && (role.getBoolean(2) || role.getBoolean(3))) {
                Log.warnf("The service runs as the database role %s, which %s: it could switch off the database's "
                        + "own guards; run it as a role that may only do what it needs, and migrate as the owner "
                        + "(quarkus.flyway.username)", role.getString(1),
                        role.getBoolean(2) ? "is a superuser" : "owns the schema or its tables");
            }
        }
    }

    private Void probe() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(probes, (int) config.checkTimeout().toMillis());
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT 1")) {
                row.next();
            }
        }
        return null;
    }

    /** Runs one migration or check, bounded by the check timeout (a migration by none), and records the outcome. */
    private boolean attempt(Callable<Void> work) throws InterruptedException {
        Future<Void> result = probes.submit(work);
        try {
            if (migrated) {
                result.get(config.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                result.get();
            }
            succeeded();
            return true;
        } catch (TimeoutException e) {
            result.cancel(true);
            failed("no answer within " + config.checkTimeout().toMillis() + " ms", true);
            // Drop the idle connections, which a frozen server would hang the next request on. Connections in use
            // are left to their own network timeouts: a check slowed down by load alone must not kill long
            // transactions or a write in flight.
            dataSource.flush(AgroalDataSource.FlushMode.IDLE);
            return false;
        } catch (ExecutionException e) {
            failed(reason(e.getCause()), migrated || unreachable(e.getCause()));
            return false;
        }
    }

    private void succeeded() {
        if (!up) {
            Log.infof("PostgreSQL is reachable%s after %d failed attempts", migrated ? "" : " and the schema migrated",
                    failures);
            up = true;
            since = Instant.now();
        }
        failures = 0;
        lastError = null;
    }

    /** {@code unreachable}: the database did not answer; otherwise it answered, and refused the schema migration. */
    private void failed(String reason, boolean unreachable) {
        failures++;
        lastError = reason;
        if (up || failures == 1) {
            if (unreachable) {
                Log.warnf("PostgreSQL is not reachable (%s); not ready, retrying quietly until it is", reason);
            } else {
                Log.errorf("The database schema could not be migrated (%s); not ready, retrying quietly", reason);
            }
            up = false;
            since = Instant.now();
        }
    }

    /**
     * Whether a failure says the database could not be reached or did not answer in time (refused, timed out, the
     * connection broken, the pool exhausted, the server shutting down), rather than that the request was wrong.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLTimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // the pool's own wait (quarkus.datasource.jdbc.acquisition-timeout) carries no SQL state
            if (cause instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** The first line of the innermost message: enough to tell refused from timed out, no stack trace. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
