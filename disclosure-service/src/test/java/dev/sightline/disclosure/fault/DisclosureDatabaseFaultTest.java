package dev.sightline.disclosure.fault;

import static io.restassured.RestAssured.given;

import dev.sightline.support.test.DatabaseFaultTest;
import dev.sightline.support.test.PostgresTestResource;
import dev.sightline.support.test.ProxiedPostgresResource;
import dev.sightline.support.test.SignedTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

@QuarkusTest
@TestProfile(DatabaseFaultTest.Bounds.class)
@WithTestResource(value = ProxiedPostgresResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "disclosure_app"))
class DisclosureDatabaseFaultTest extends DatabaseFaultTest {
    private static final String DISCLOSURES = "/api/v1/disclosures";

    @Override
    protected ValidatableResponse read() {
        return signedIn().when().get(DISCLOSURES).then();
    }

    /** Discarding an unknown draft looks it up in a transaction: 404 when the database answers. */
    @Override
    protected ValidatableResponse write() {
        return signedIn().when().delete(DISCLOSURES + "/" + UUID.randomUUID()).then();
    }

    @Override
    protected int written() {
        return 404;
    }

    private static RequestSpecification signedIn() {
        return given().header("Authorization", SignedTokens.bearer("alice", "disclosure-author"));
    }
}
