package dev.sightline.systemtest;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
