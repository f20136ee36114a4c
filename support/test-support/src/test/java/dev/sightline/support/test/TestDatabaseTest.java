package dev.sightline.support.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {
    @Test
    void givesOneCleanRealPostgreSqlOf15OrNewerPerJvm() throws Exception {
        TestDatabase database = TestDatabase.shared();
        assertEquals(database, TestDatabase.shared(), "the same database for every test of the JVM");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            ResultSet version = statement.executeQuery("SHOW server_version_num");
            version.next();
            assertTrue(version.getInt(1) >= 150000, "PostgreSQL 15 or newer, got " + version.getInt(1));
            ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN "
                            + "('pg_catalog', 'information_schema')");
            tables.next();
            assertEquals(0, tables.getInt(1), "a fresh database has no tables");
        }
    }

    @Test
    void aLoginRoleLogsInAsItselfNotAsTheSuperuser() throws Exception {
        TestDatabase database = TestDatabase.shared();
        database.ensureLoginRole("test_support_app");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "test_support_app",
                "test_support_app"); Statement statement = connection.createStatement()) {
            ResultSet role = statement.executeQuery("SELECT current_user, rolsuper FROM pg_roles "
                    + "WHERE rolname = current_user");
            role.next();
            assertEquals("test_support_app", role.getString(1));
            assertFalse(role.getBoolean(2), "no superuser");
        }
    }
}
