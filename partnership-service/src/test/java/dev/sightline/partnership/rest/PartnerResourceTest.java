package dev.sightline.partnership.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class PartnerResourceTest {
    private static String partner(String legalName) {
        return """
                {"legalName": "%s", "countryOfIncorporation": "CN", "headquartersCountry": "CN",
                 "parentGroup": "Nimbus Holdings", "lei": "5493001KJTIIGC8Y1R12", "nationalSecurityAccess": true}
                """.formatted(legalName);
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void registersAPartnerAndReadsItBack() {
        String location = given().contentType(ContentType.JSON).body(partner("Nimbus Cloud Intelligence Co., Ltd."))
                .when().post("/api/v1/partners")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("id", notNullValue())
                .body("createdBy", equalTo("alice"))
                .body("countryOfIncorporation", equalTo("CN"))
                .extract().header("Location");

        given().when().get(location)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", equalTo("\"0\""))
                .body("legalName", equalTo("Nimbus Cloud Intelligence Co., Ltd."))
                .body("nationalSecurityAccess", equalTo(true))
                .body("createdAt", endsWith("Z"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesASecondPartnerWithTheSameNameAndCountry() {
        given().contentType(ContentType.JSON).body(partner("Duplicate Labs")).post("/api/v1/partners")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(partner("duplicate labs"))
                .when().post("/api/v1/partners")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void answersMalformedJsonWithAProblemAndWritesNothing() throws Exception {
        long before = countPartners();
        given().contentType(ContentType.JSON).body("{\"legalName\": \"Broken\", ")
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("line 1"));
        assertEquals(before, countPartners());
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void namesAnUnknownProperty() {
        given().contentType(ContentType.JSON)
                .body(partner("Unknown Field Ltd").replace("{", "{\"shareholding\": 51, "))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("shareholding"))
                .body("errors[0].message", containsString("unknown property"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void namesAFieldOfTheWrongType() {
        given().contentType(ContentType.JSON)
                .body(partner("Wrong Type Ltd").replace("\"nationalSecurityAccess\": true",
                        "\"nationalSecurityAccess\": \"yes\""))
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("nationalSecurityAccess"))
                .body("errors[0].message", equalTo("must be true or false"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void listsEveryInvalidFieldAndWritesNothing() throws Exception {
        long before = countPartners();
        given().contentType(ContentType.JSON)
                .body("""
                        {"legalName": " ", "countryOfIncorporation": "XX", "headquartersCountry": "cn",
                         "lei": "not-an-lei", "nationalSecurityAccess": false}
                        """)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("errors.field", hasItem("legalName"))
                .body("errors.field", hasItem("countryOfIncorporation"))
                .body("errors.field", hasItem("headquartersCountry"))
                .body("errors.field", hasItem("lei"))
                .body("errors.size()", equalTo(4));
        assertEquals(before, countPartners());
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void refusesAnEmptyBody() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/partners")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ivan", roles = "partnership-viewer")
    void answersAnUnknownPartnerWithANotFoundProblem() {
        given().when().get("/api/v1/partners/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("No partner"));
    }

    @Test
    @TestSecurity(user = "ivan", roles = "partnership-viewer")
    void answersAMalformedIdWithA404Problem() {
        given().when().get("/api/v1/partners/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void requiresAToken() {
        given().contentType(ContentType.JSON).body(partner("No Token Ltd"))
                .when().post("/api/v1/partners")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
        given().when().get("/api/v1/partners/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "ivan", roles = { "partnership-viewer", "auditor" })
    void forbidsReadersToRegister() {
        given().contentType(ContentType.JSON).body(partner("Reader Ltd"))
                .when().post("/api/v1/partners")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "regina", roles = "regulator")
    void forbidsRegulatorsToReadPartners() {
        given().when().get("/api/v1/partners/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void derivesCoveredPersonFromTheCountriesOfConcern() {
        given().contentType(ContentType.JSON).body(partner("Harbour AI " + UUID.randomUUID()).replace("\"headquartersCountry\": \"CN\"", "\"headquartersCountry\": \"HK\"")
                        .replace("\"countryOfIncorporation\": \"CN\"", "\"countryOfIncorporation\": \"SG\""))
                .post("/api/v1/partners").then().statusCode(201).body("coveredPerson", equalTo(true));
        given().contentType(ContentType.JSON).body(partner("Alpine AI " + UUID.randomUUID()).replace("\"CN\"", "\"CH\""))
                .post("/api/v1/partners").then().statusCode(201).body("coveredPerson", equalTo(false));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void updatesNeedTheCurrentETag() {
        String name = "Versioned Labs " + UUID.randomUUID();
        String location = given().contentType(ContentType.JSON).body(partner(name)).post("/api/v1/partners")
                .then().statusCode(201).extract().header("Location");
        String changed = partner(name).replace("Nimbus Holdings", "Stratus Holdings");
        given().contentType(ContentType.JSON).body(changed).when().put(location)
                .then().statusCode(428).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(changed).when().put(location)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("parentGroup", equalTo("Stratus Holdings"))
                .body("updatedBy", equalTo("alice"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(partner(name)).when().put(location)
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(partner(name).replace("\"XX\"", ""))
                .when().put(location.replace(location.substring(location.lastIndexOf('/') + 1), UUID.randomUUID().toString()))
                .then().statusCode(404);
        given().get(location).then().body("parentGroup", equalTo("Stratus Holdings"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "partnership-manager")
    void listsPartnersPageByPage() {
        String tag = "Paged" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(partner(tag + " " + i)).post("/api/v1/partners").then().statusCode(201);
        }
        String next = given().queryParam("q", tag.toLowerCase()).queryParam("limit", 2).get("/api/v1/partners")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("items[0].legalName", equalTo(tag + " 0"))
                .extract().path("next");
        given().queryParam("q", tag).queryParam("limit", 2).queryParam("after", next).get("/api/v1/partners")
                .then().statusCode(200).body("items.legalName", Matchers.contains(tag + " 2"))
                .body("next", Matchers.nullValue());
        given().queryParam("q", tag).queryParam("country", "CN").get("/api/v1/partners")
                .then().body("items.size()", equalTo(3));
        given().queryParam("country", "China").get("/api/v1/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("country"));
        given().queryParam("limit", 0).get("/api/v1/partners").then().statusCode(400);
    }

    private static long countPartners() throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM partnership.partner")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
