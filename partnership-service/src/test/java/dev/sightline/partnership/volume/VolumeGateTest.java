package dev.sightline.partnership.volume;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.reference;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.sightline.partnership.Identities;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The activation gate holds a new partnership to the volume the company's data already reaches, as the
 * audit-service counts it (stubbed here; the system tests run it for real): a flow out of the threshold's origin
 * that carries data the crossed threshold counts needs a transfer whose mechanism covers what the crossing
 * requires, and activation waits when the count cannot be read.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
@WithTestResource(value = AuditThresholdsStub.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestSecurity(user = "alice", roles = "partnership-manager")
class VolumeGateTest {
    private static final String RULES = """
            {"version": "2026.3",
             "consequences": [
               {"consequence": "STANDARD_CONTRACT_OR_CERTIFICATION",
                "coveredBy": ["CN_STANDARD_CONTRACT", "CN_CERTIFICATION", "CN_SECURITY_ASSESSMENT"], "source": "Art. 8"},
               {"consequence": "SECURITY_ASSESSMENT", "coveredBy": ["CN_SECURITY_ASSESSMENT"], "source": "Art. 7"}],
             "regimes": [{"regime": "CN_CROSS_BORDER_PROVISION", "transfersFrom": ["CN"], "aggregation": "EXPORTER",
               "categories": [
                 {"category": "PERSONAL_INFORMATION", "dataCategories": ["user"],
                  "excludedDataCategories": ["user.health", "user.biometric"]},
                 {"category": "SENSITIVE_PERSONAL_INFORMATION", "dataCategories": ["user.health", "user.biometric"]}]}]}
            """;
    private static final String SENSITIVE_CROSSED = """
            {"results": [
              {"regime": "CN_CROSS_BORDER_PROVISION", "category": "SENSITIVE_PERSONAL_INFORMATION",
               "aggregation": "EXPORTER", "counterparty": null, "count": 10000, "comparator": "≥", "threshold": 1,
               "consequence": "STANDARD_CONTRACT_OR_CERTIFICATION", "source": "Art. 8", "status": "EXCEEDED"},
              {"regime": "CN_CROSS_BORDER_PROVISION", "category": "SENSITIVE_PERSONAL_INFORMATION",
               "aggregation": "EXPORTER", "counterparty": null, "count": 10000, "comparator": "≥", "threshold": 10000,
               "consequence": "SECURITY_ASSESSMENT", "source": "Provisions (CAC, 2024), Art. 7(2)",
               "status": "EXCEEDED"},
              {"regime": "CN_CROSS_BORDER_PROVISION", "category": "PERSONAL_INFORMATION",
               "aggregation": "EXPORTER", "counterparty": null, "count": 12000, "comparator": "≥",
               "threshold": 100000, "consequence": "STANDARD_CONTRACT_OR_CERTIFICATION", "source": "Art. 8",
               "status": "BELOW"}]}
            """;

    @AuditThresholdsStub.Server
    WireMockServer auditService;

    @AfterEach
    void restart() {
        if (!auditService.isRunning()) {
            auditService.start();
        }
    }

    private void stubThresholds(String results) {
        String bearer = "Bearer " + AuditThresholdsStub.TOKEN;
        auditService.stubFor(get(urlEqualTo("/api/v1/thresholds/rules")).withHeader("Authorization", WireMock.equalTo(bearer))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(RULES)));
        auditService.stubFor(get(urlEqualTo("/api/v1/thresholds")).withHeader("Authorization", WireMock.equalTo(bearer))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(results)));
    }

    @Test
    void aNewPartnershipCarryingSensitiveDataOutOfChinaNeedsTheSecurityAssessmentTheCompanysVolumeRequires() {
        stubThresholds(SENSITIVE_CROSSED);
        String partner = createPartner("CN");
        ValidatableResponse refused = toActive(create(partner, List.of("user.content.text", "user.health"),
                "CN_STANDARD_CONTRACT"));
        refused.statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("transfers"))
                .body("errors.message", hasItem(containsString("the flow CN → SG needs one of [CN_SECURITY_ASSESSMENT]: "
                        + "CN_CROSS_BORDER_PROVISION SENSITIVE_PERSONAL_INFORMATION (10000 ≥ 10000, Provisions (CAC, "
                        + "2024), Art. 7(2)) requires SECURITY_ASSESSMENT")));

        toActive(create(partner, List.of("user.content.text", "user.health"), "CN_SECURITY_ASSESSMENT"))
                .statusCode(200).body("status", equalTo("ACTIVE"));
        // no sensitive data: the crossing does not concern it, and the standard contract suffices
        toActive(create(partner, List.of("user.content.text"), "CN_STANDARD_CONTRACT"))
                .statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void activationWaitsWhenTheVolumeCannotBeRead() {
        stubThresholds(SENSITIVE_CROSSED);
        String id = create(createPartner("CN"), List.of("user.content.text"), "CN_SECURITY_ASSESSMENT");
        auditService.stop();
        toActive(id).statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("volume thresholds cannot be read now"));
    }

    /** A partnership serving China, data processed in Singapore under the given mechanism, PIPIA approved. */
    private static String create(String partnerId, List<String> categories, String mechanism) {
        String body = """
                {"reference": "%s", "title": "Translation in China", "owner": "ai-partnerships@example.com",
                 "effectiveFrom": "2025-01-01", "effectiveTo": null, "partnerId": "%s",
                 "aiSystems": [{"name": "Nimbus-LM", "provider": "Nimbus", "version": "4.2", "riskClass": "LIMITED",
                                "generalPurpose": true}],
                 "features": [{"key": "translation", "name": "Translation", "purpose": "Translate messages"}],
                 "markets": ["CN"],
                 "dataPolicy": {"allowedCategories": [%s], "forbiddenCategories": [],
                                "allowedModes": ["PARTNER_CLOUD"], "allowedCountries": ["SG"],
                                "allowedPurposes": ["translation"], "retentionDays": 30, "sensitiveAllowed": true},
                 "transfers": [{"fromRegion": "CN", "toCountry": "SG", "mechanism": "%s", "reference": "CN-SG-1"}],
                 "legalBases": [{"jurisdiction": "CN", "basis": "PIPL Art. 13(1) consent"}],
                 "assessments": [{"type": "PIPL_PIPIA", "status": "APPROVED", "date": "2025-01-01", "reviewer": "dpo",
                                  "approver": "ciso", "nextReview": "2099-01-01"}],
                 "filings": [], "publicCommitments": []}
                """.formatted(reference(), partnerId,
                String.join(", ", categories.stream().map(c -> '"' + c + '"').toList()), mechanism);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/partnerships").then().statusCode(201)
                .extract().path("id");
    }

    /**
     * Submits (alice), approves (bob) and activates (alice) the partnership; the answer of the first step that is
     * refused, or of the activation.
     */
    private static ValidatableResponse toActive(String id) {
        ValidatableResponse answer = null;
        for (String to : List.of("UNDER_REVIEW", "APPROVED", "ACTIVE")) {
            if (to.equals("APPROVED")) {
                Identities.actAs("bob", "partnership-manager");
            } else {
                Identities.actAs("alice", "partnership-manager");
            }
            answer = given().contentType(ContentType.JSON).body("{\"to\": \"" + to + "\", \"reason\": \"test\"}")
                    .post("/api/v1/partnerships/" + id + "/transitions").then();
            if (answer.extract().statusCode() != 200) {
                break;
            }
        }
        Identities.actAs("alice", "partnership-manager");
        return answer;
    }
}
