package dev.sightline.partnership.rest;

import static dev.sightline.partnership.Fixtures.activatable;
import static dev.sightline.partnership.Fixtures.createPartner;
import static dev.sightline.partnership.Fixtures.partnerBody;
import static dev.sightline.partnership.Fixtures.reference;
import static dev.sightline.partnership.Fixtures.transition;
import static dev.sightline.partnership.Fixtures.writtenRows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sightline.partnership.Identities;
import dev.sightline.support.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The workflow rules no single user may walk around: four eyes, approval of widening changes, the gate. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.APP_ROLE, value = "partnership_app"))
class PartnershipWorkflowTest {
    private static final String PARTNERSHIPS = "/api/v1/partnerships";
    private static final String MANAGER = "partnership-manager";

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void whoeverCreatedOrLastChangedTheContentCannotApproveIt() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String id = create(activatable(reference, partnerId));
        // alice created it, bob only submits it: alice still may not approve.
        as("bob", () -> move(id, "UNDER_REVIEW").statusCode(200));
        move(id, "APPROVED").statusCode(409)
                .body("detail", containsString("alice created this partnership"))
                .body("errors[0].field", equalTo("actor"));
        // Back to DRAFT; carol changes the content, dave submits: now carol may not approve either.
        as("bob", () -> move(id, "DRAFT").statusCode(200));
        as("carol", () -> put(id, "3", activatable(reference, partnerId).replace("\"retentionDays\": 30",
                "\"retentionDays\": 20")).statusCode(200));
        as("dave", () -> move(id, "UNDER_REVIEW").statusCode(200));
        as("carol", () -> move(id, "APPROVED").statusCode(409)
                .body("detail", containsString("carol last changed this partnership's content")));
        as("dave", () -> move(id, "APPROVED").statusCode(409)
                .body("detail", containsString("dave submitted this partnership for review")));
        as("erin", () -> move(id, "APPROVED").statusCode(200).body("lastTransition.actor", equalTo("erin")));
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void anApprovedRecordCanGoBackToDraftWithAReasonAndBeFixed() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String id = create(activatable(reference, partnerId));
        move(id, "UNDER_REVIEW").statusCode(200);
        as("bob", () -> move(id, "APPROVED").statusCode(200));
        given().contentType(ContentType.JSON).body("{\"to\": \"DRAFT\"}").post(PARTNERSHIPS + "/" + id + "/transitions")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        move(id, "DRAFT").statusCode(200).body("status", equalTo("DRAFT"))
                .body("lastTransition.from", equalTo("APPROVED")).body("lastTransition.reason", equalTo("Because DRAFT"));
        put(id, "4", activatable(reference, partnerId).replace("Nimbus-LM voice", "Nimbus-LM 5 voice")).statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void theActivationCheckListsWhatIsMissingWithoutMovingAnything() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String lacking = activatable(reference, partnerId)
                .replace("\"type\": \"TIA\", \"status\": \"APPROVED\"", "\"type\": \"TIA\", \"status\": \"IN_PROGRESS\"")
                .replace("\"retentionDays\": 30, ", "");
        String id = create(lacking);
        long before = writtenRows();
        Identities.actAs("ivan", "auditor");
        given().get(PARTNERSHIPS + "/" + id + "/activation-check").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("ready", equalTo(false)).body("revision", equalTo(1)).body("status", equalTo("DRAFT"))
                .body("missing.field", hasItems("dataPolicy.retentionDays", "assessments"))
                .body("missing.message", hasItem(containsString("approved TIA is required")));
        // A read: one audit event, nothing else.
        assertEquals(before + 1, writtenRows());
        Identities.actAs("alice", MANAGER);
        move(id, "UNDER_REVIEW").statusCode(409).body("errors.field", hasItems("dataPolicy.retentionDays", "assessments"));

        put(id, "1", activatable(reference, partnerId)).statusCode(200);
        given().get(PARTNERSHIPS + "/" + id + "/activation-check").then().statusCode(200)
                .body("ready", equalTo(true)).body("missing", empty()).body("revision", equalTo(2));
        given().get(PARTNERSHIPS + "/" + UUID.randomUUID() + "/activation-check").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void aChangeThatWidensAnActivePolicyWaitsForASecondManager() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String base = activatable(reference, partnerId);
        String id = active(base);
        String widened = base.replace("\"allowedPurposes\": [\"voice-assistance\"]",
                        "\"allowedPurposes\": [\"voice-assistance\", \"advertising\"]")
                .replace("\"retentionDays\": 30", "\"retentionDays\": 3650")
                .replace("\"user.content.voice\", \"user.content.text\"", "\"user.content\"");

        put(id, "4", widened).statusCode(202).header("ETag", equalTo("\"5\""))
                .body("status", equalTo("ACTIVE"))
                .body("dataPolicy.retentionDays", equalTo(30))
                .body("pendingChange.proposedBy", equalTo("alice"))
                .body("pendingChange.content.dataPolicy.retentionDays", equalTo(3650))
                .body("pendingChange.widenings", hasItems(containsString("allowedPurposes: adds [advertising]"),
                        containsString("retentionDays: 30 → 3650"), containsString("allowedCategories: lets through")));
        // What the audit-service judges against is still the approved policy.
        given().get(PARTNERSHIPS + "/" + id + "/policy").then().statusCode(200)
                .body("retentionDays", equalTo(30)).body("allowedPurposes", contains("voice-assistance"));
        // The proposer cannot approve it.
        decide(id, "APPROVE").statusCode(409).body("errors[0].field", equalTo("actor"))
                .body("detail", containsString("alice proposed this change"));
        as("bob", () -> decide(id, "APPROVE").statusCode(200).header("ETag", equalTo("\"6\""))
                .body("dataPolicy.retentionDays", equalTo(3650)).body("$", not(hasKey("pendingChange"))));
        given().get(PARTNERSHIPS + "/" + id + "/policy").then()
                .body("retentionDays", equalTo(3650)).body("allowedPurposes", hasItem("advertising"));
        given().get(PARTNERSHIPS + "/" + id + "/revisions").then()
                .body("items.kind", contains("CREATED", "TRANSITIONED", "TRANSITIONED", "TRANSITIONED",
                        "CHANGE_PROPOSED", "CHANGE_APPROVED"))
                .body("items[5].actor", equalTo("bob")).body("items[5].reason", equalTo("Because APPROVE"))
                .body("items[5].changedFields", hasItem("dataPolicy.retentionDays"));
        decide(id, "APPROVE").statusCode(409).body("errors[0].field", equalTo("pendingChange"));
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void narrowingAppliesAtOnceAndSupersedesAPendingWidening() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String base = activatable(reference, partnerId);
        String id = active(base);
        put(id, "4", base.replace("[\"voice-assistance\"]", "[\"voice-assistance\", \"translation\"]")).statusCode(202)
                .body("pendingChange.widenings", contains("dataPolicy.allowedPurposes: adds [translation]"));
        as("bob", () -> decide(id, "REJECT").statusCode(200).body("$", not(hasKey("pendingChange")))
                .body("dataPolicy.allowedPurposes", contains("voice-assistance")));

        put(id, "6", base.replace("\"retentionDays\": 30", "\"retentionDays\": 60")).statusCode(202);
        // A narrowing edit states the whole record its author wants: it applies, and the widening is dropped.
        put(id, "7", base.replace("\"retentionDays\": 30", "\"retentionDays\": 7")).statusCode(200)
                .body("dataPolicy.retentionDays", equalTo(7)).body("$", not(hasKey("pendingChange")));
        given().get(PARTNERSHIPS + "/" + id + "/policy").then().body("retentionDays", equalTo(7));

        // A SUSPENDED partnership resumes without approval, so its widening waits too.
        move(id, "SUSPENDED").statusCode(200);
        put(id, "9", base.replace("\"retentionDays\": 30", "\"retentionDays\": 7")
                .replace("\"sensitiveAllowed\": false", "\"sensitiveAllowed\": true")).statusCode(202)
                .body("pendingChange.widenings", contains("dataPolicy.sensitiveAllowed: false → true"));
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void ifMatchNeedsExactlyOneCurrentETag() {
        String partnerId = createPartner("CN");
        String reference = reference();
        String id = create(activatable(reference, partnerId));
        long before = writtenRows();
        for (String tag : new String[] { "*", "\"1\", \"2\"", "\"0\",\"1\"" }) {
            given().contentType(ContentType.JSON).header("If-Match", tag).body(activatable(reference, partnerId)
                            .replace("Nimbus-LM voice", "Other voice"))
                    .put(PARTNERSHIPS + "/" + id).then().statusCode(428)
                    .contentType("application/problem+json").body("detail", containsString("exactly one ETag"));
            given().contentType(ContentType.JSON).header("If-Match", tag).body("{\"to\": \"UNDER_REVIEW\", \"reason\": \"x\"}")
                    .post(PARTNERSHIPS + "/" + id + "/transitions").then().statusCode(428);
        }
        given().contentType(ContentType.JSON).header("If-Match", "*").body(partnerBody("Partner " + UUID.randomUUID(), "CN"))
                .put("/api/v1/partners/" + partnerId).then().statusCode(428);
        assertEquals(before, writtenRows());
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void transfersWithinTheEeaNeedNoMechanismButTransfersOutOfItDo() {
        String partnerId = createPartner("DE");
        String id = create(eea(reference(), partnerId, "\"DE\", \"FR\", \"NO\""));
        given().get(PARTNERSHIPS + "/" + id + "/activation-check").then()
                .body("missing", empty()).body("ready", equalTo(true));

        String other = create(eea(reference(), partnerId, "\"DE\", \"FR\", \"NO\", \"US\""));
        given().get(PARTNERSHIPS + "/" + other + "/activation-check").then()
                .body("ready", equalTo(false))
                .body("missing.message", hasItems(containsString("flow DE → US (needs one of [EU_SCC, ADEQUACY, BCR])"),
                        containsString("flow NO → US (needs one of [EU_SCC, ADEQUACY, BCR])")))
                .body("missing.message", not(hasItem(containsString("→ FR"))))
                .body("missing", hasSize(2));
    }

    /** German and Norwegian markets, processed in {@code countries}, with no transfer recorded. */
    private static String eea(String reference, String partnerId, String countries) {
        return activatable(reference, partnerId)
                .replace("\"markets\": [\"DE\"]", "\"markets\": [\"DE\", \"NO\"]")
                .replace("\"allowedCountries\": [\"DE\", \"CN\"]", "\"allowedCountries\": [" + countries + "]")
                .replace("{\"fromRegion\": \"EU\", \"toCountry\": \"CN\", \"mechanism\": \"EU_SCC\", "
                        + "\"reference\": \"SCC-1\"}", "");
    }

    @Test
    @TestSecurity(user = "alice", roles = MANAGER)
    void onDeviceProcessingNeedsItsCountriesToo() {
        String partnerId = createPartner("DE");
        String onDevice = activatable(reference(), partnerId)
                .replace("\"allowedModes\": [\"ON_DEVICE\", \"PARTNER_CLOUD\"]", "\"allowedModes\": [\"ON_DEVICE\"]")
                .replace("\"allowedCountries\": [\"DE\", \"CN\"]", "\"allowedCountries\": []");
        String id = create(onDevice);
        given().get(PARTNERSHIPS + "/" + id + "/activation-check").then()
                .body("missing", hasSize(1)).body("missing[0].field", equalTo("dataPolicy.allowedCountries"));
    }

    private static String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PARTNERSHIPS)
                .then().statusCode(201).extract().path("id");
    }

    /** Created and submitted by alice, approved by bob, activated by alice: revision 4. */
    private static String active(String body) {
        String id = create(body);
        transition(id, "UNDER_REVIEW");
        as("bob", () -> move(id, "APPROVED").statusCode(200));
        transition(id, "ACTIVE");
        return id;
    }

    private static ValidatableResponse put(String id, String etag, String body) {
        return given().contentType(ContentType.JSON).header("If-Match", "\"" + etag + "\"").body(body)
                .put(PARTNERSHIPS + "/" + id).then();
    }

    private static ValidatableResponse move(String id, String to) {
        return given().contentType(ContentType.JSON).body("{\"to\": \"" + to + "\", \"reason\": \"Because " + to + "\"}")
                .post(PARTNERSHIPS + "/" + id + "/transitions").then();
    }

    private static ValidatableResponse decide(String id, String decision) {
        return given().contentType(ContentType.JSON)
                .body("{\"decision\": \"" + decision + "\", \"reason\": \"Because " + decision + "\"}")
                .post(PARTNERSHIPS + "/" + id + "/pending-change/decision").then();
    }

    /** Runs {@code step} as another partnership manager, then goes back to alice. */
    private static void as(String user, Runnable step) {
        Identities.actAs(user, MANAGER);
        try {
            step.run();
        } finally {
            Identities.actAs("alice", MANAGER);
        }
    }
}
