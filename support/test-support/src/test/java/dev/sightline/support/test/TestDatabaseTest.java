package dev.sightline.support.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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
}
