package dev.sightline.partnership.fault;

import static dev.sightline.partnership.Fixtures.partnerBody;
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
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

@QuarkusTest
@TestProfile(DatabaseFaultTest.Bounds.class)
@WithTestResource(value = ProxiedPostgresResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class PartnershipDatabaseFaultTest extends DatabaseFaultTest {
    @Override
    protected ValidatableResponse read() {
        return signedIn().when().get("/api/v1/partners").then();
    }

    @Override
    protected ValidatableResponse write() {
        return signedIn().contentType(ContentType.JSON).body(partnerBody("Partner " + UUID.randomUUID(), "CN"))
                .when().post("/api/v1/partners").then();
    }

    @Override
    protected int written() {
        return 201;
    }

    private static RequestSpecification signedIn() {
        return given().header("Authorization", SignedTokens.bearer("alice", "partnership-manager"));
    }
}
