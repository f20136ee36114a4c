package dev.sightline.partnership.partnerships.storage;

import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.createPartnership;
import static dev.sightline.support.test.DatabaseRoles.assertNeitherSuperuserNorOwner;
import static dev.sightline.support.test.DatabaseRoles.assertRefused;
import static dev.sightline.support.test.DatabaseRoles.connectAs;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service runs as partnership_app, not as the owner Flyway migrates with (every test of this module does): that
 * role may add to the revision history but neither change it nor switch its triggers off.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
@TestSecurity(user = "alice", roles = "partnership-manager")
class DatabaseRoleTest {
    private static final String ROLE = "partnership_app";

    @Test
    void theServiceRoleCannotChangeTheRevisionHistoryNorSwitchItsTriggersOff() throws SQLException {
        createPartnership(createPartner("CN"));
        try (Connection app = connectAs(ROLE); Statement statement = app.createStatement()) {
            assertRefused(statement, List.of(
                    "UPDATE partnership.partnership_revision SET reason = 'rewritten'",
                    "DELETE FROM partnership.partnership_revision",
                    "TRUNCATE partnership.partnership_revision",
                    "ALTER TABLE partnership.partnership_revision "
                            + "DISABLE TRIGGER partnership_revision_no_update_or_delete",
                    "ALTER TABLE partnership.partnership_revision DISABLE TRIGGER ALL",
                    "DROP TRIGGER partnership_revision_no_truncate ON partnership.partnership_revision",
                    "DELETE FROM partnership.partnership",
                    "DELETE FROM partnership.audit_outbox",
                    "SET session_replication_role = replica"));
        }
        assertNeitherSuperuserNorOwner(ROLE, "partnership.partnership_revision");
    }
}
