package dev.sightline.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every system test shares: the environment and requests as someone. */
@ExtendWith(SystemTestExtension.class)
abstract class SystemTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static SystemEnvironment env() {
        return SystemEnvironment.get();
    }

    /** A request to a service with the identity's real token. */
    static RequestSpecification as(String identity, String service) {
        return bearer(env().token(identity), service);
    }

    static RequestSpecification bearer(String token, String service) {
        return given().baseUri(env().url(service)).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    static RequestSpecification anonymous(String service) {
        return given().baseUri(env().url(service)).contentType(ContentType.JSON);
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    static Path contract(String service) {
        Path root = Path.of(System.getProperty("sightline.root", "..")).toAbsolutePath().normalize();
        return root.resolve(service).resolve("src/main/openapi/openapi.yaml");
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partner registered by alice, under a legal name of its own. */
    static UUID newPartner(String legalName) {
        Response partner = as("alice", SystemEnvironment.PARTNERSHIP).body(JSON.createObjectNode()
                .put("legalName", legalName).put("countryOfIncorporation", "DE").put("headquartersCountry", "DE")
                .put("nationalSecurityAccess", false).toString()).post("/api/v1/partners");
        partner.then().statusCode(201);
        return UUID.fromString(partner.jsonPath().getString("id"));
    }

    /** A DRAFT partnership with the partner, registered by alice. */
    static UUID newPartnership(UUID partnerId, String title) {
        ObjectNode partnership = JSON.createObjectNode().put("reference", "PRT-SYS-"
                + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT))
                .put("title", title).put("owner", "systest@example.com").put("partnerId", partnerId.toString());
        Response created = as("alice", SystemEnvironment.PARTNERSHIP).body(partnership.toString())
                .post("/api/v1/partnerships");
        created.then().statusCode(201);
        return UUID.fromString(created.jsonPath().getString("id"));
    }

    /** For a class run alone (-Dit.test=...): a partner and a draft partnership in place of the story's. */
    static void storyRecords() {
        if (Story.partnershipId == null) {
            Story.partnerId = newPartner("System Test Partner " + UUID.randomUUID());
            Story.partnershipId = newPartnership(Story.partnerId, "System test");
        }
    }

    /** A DRAFT disclosure of the jurisdiction by alice, over the story's partnership. */
    static UUID draftDisclosure(String jurisdiction) {
        // 503 while the log has no signed checkpoint yet (or the analytics stand between two): retry, as it says
        Response created = Polling.await("a draft " + jurisdiction + " disclosure", Duration.ofSeconds(60),
                Duration.ofMillis(500), () -> {
                    Response response = as("alice", SystemEnvironment.DISCLOSURE)
                            .body(SightlineStoryIT.disclosureRequest(jurisdiction).toString())
                            .post("/api/v1/disclosures");
                    return response.statusCode() == 503 ? Optional.empty() : Optional.of(response);
                });
        created.then().statusCode(201).body("jurisdiction", equalTo(jurisdiction));
        return UUID.fromString(created.jsonPath().getString("id"));
    }

    /** What bob attests when publishing a disclosure. */
    static final String ATTESTATION = "{\"attestation\": {\"name\": \"Bob Brandt\", \"title\": \"Chief Privacy "
            + "Officer\", \"statement\": \"I attest that this disclosure is complete and accurate.\"}}";

    /** A disclosure of the jurisdiction drafted by alice and published by bob, with his attestation. */
    static UUID publishedDisclosure(String jurisdiction) {
        UUID id = draftDisclosure(jurisdiction);
        as("bob", SystemEnvironment.DISCLOSURE).body(ATTESTATION).post("/api/v1/disclosures/{id}/publish", id).then()
                .statusCode(200).body("status", equalTo("PUBLISHED"));
        return id;
    }

    /** What the story made, for the classes that run after it (the authorization matrix uses real ids). */
    static final class Story {
        static volatile UUID partnerId;
        static volatile UUID partnershipId;
        static volatile Long violationSeq;
        static volatile UUID euDisclosureId;
        static final List<Long> gatewaySeqs = new ArrayList<>();

        private Story() {
        }
    }
}
