package dev.sightline.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.systemtest.OpenApiOperations.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix generator reads the contracts as they are meant, and the contracts name only roles the realm has. */
class OpenApiOperationsTest {
    private static final Path ROOT = Path.of(System.getProperty("sightline.root", "..")).toAbsolutePath().normalize();

    @Test
    void scopesAreRolesAndAnEmptyRequirementIsPublic(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("openapi.yaml");
        Files.writeString(yaml, """
                openapi: 3.1.0
                paths:
                  /api/v1/things/{id}:
                    parameters:
                    - name: id
                      in: path
                      schema:
                        $ref: "#/components/schemas/UUID"
                    get:
                      parameters:
                      - name: at
                        in: query
                        required: true
                        schema:
                          type: string
                          format: date-time
                      security:
                      - keycloak:
                        - auditor
                        - regulator
                    put:
                      requestBody:
                        content:
                          application/json: {}
                      security:
                      - keycloak:
                        - manager
                  /api/v1/keys:
                    get:
                      security:
                      - keycloak: []
                  /api/v1/either:
                    post:
                      security:
                      - keycloak:
                        - writer
                      - {}
                  /api/v1/undeclared:
                    get:
                      summary: no security at all
                components:
                  schemas:
                    UUID:
                      type: string
                      format: uuid
                """);
        Map<String, Operation> ops = OpenApiOperations.read("thing-service", yaml).stream()
                .collect(Collectors.toMap(Operation::id, Function.identity()));
        Operation get = ops.get("thing-service GET /api/v1/things/{id}");
        assertEquals(Set.of("auditor", "regulator"), get.roles());
        assertFalse(get.isPublic());
        assertEquals("uuid", get.required("path").get(0).format());
        assertEquals("date-time", get.required("query").get(0).format());
        assertFalse(get.hasBody());
        assertTrue(ops.get("thing-service PUT /api/v1/things/{id}").hasBody());
        assertTrue(ops.get("thing-service GET /api/v1/keys").isPublic());
        assertTrue(ops.get("thing-service POST /api/v1/either").isPublic());
        assertFalse(ops.get("thing-service GET /api/v1/undeclared").securityDeclared());

        Identity ivan = new Identity("ivan", Set.of("auditor"), List.of(), null);
        Identity bob = new Identity("bob", Set.of("manager"), List.of(), null);
        assertTrue(get.allows(ivan));
        assertFalse(get.allows(bob));
        assertTrue(ops.get("thing-service GET /api/v1/keys").allows(bob));
    }

    @Test
    void theCommittedContractsNameRealmRolesAndOnlyKeysCheckpointsAndSchemasArePublic() {
        Identity.Realm realm = Identity.Realm.read(SystemEnvironment.realmFile(ROOT));
        List<Operation> all = new ArrayList<>();
        for (String service : SystemEnvironment.SERVICES) {
            all.addAll(OpenApiOperations.read(service, ROOT.resolve(service).resolve("src/main/openapi/openapi.yaml")));
        }
        assertTrue(all.stream().anyMatch(o -> o.service().equals(SystemEnvironment.PARTNERSHIP)));
        assertTrue(all.stream().anyMatch(o -> o.service().equals(SystemEnvironment.AUDIT)));
        for (Operation op : all) {
            assertTrue(realm.roles().containsAll(op.roles()), op + " names roles the realm lacks: " + op.roles());
        }
        // only what the README calls public is public: a protected operation without a requirement would slip by
        for (Operation op : all) {
            if (op.isPublic()) {
                assertTrue(op.path().endsWith("/keys") || op.path().endsWith("/checkpoints/latest")
                        || op.path().equals("/api/v1/checkpoint") || op.path().startsWith("/api/v1/schemas/")
                        || op.path().startsWith("/api/v1/verifier/") || op.path().startsWith("/api/v1/public/"),
                        op + " is public");
            }
        }
        // the README's API map: these are public, and posting events is for audit writers only
        Map<String, Operation> byId = all.stream().collect(Collectors.toMap(Operation::id, Function.identity()));
        assertTrue(byId.get("audit-service GET /api/v1/keys").isPublic());
        assertTrue(byId.get("audit-service GET /api/v1/checkpoints/latest").isPublic());
        assertTrue(byId.get("disclosure-service GET /api/v1/public/disclosures").isPublic());
        assertEquals(Set.of("audit-writer"), byId.get("audit-service POST /api/v1/events").roles());
        assertEquals(Set.of("partnership-manager"), byId.get("partnership-service POST /api/v1/partnerships").roles());
    }

    @Test
    void theRealmGivesTheDemoIdentitiesTheirDocumentedRoles() {
        Identity.Realm realm = Identity.Realm.read(SystemEnvironment.realmFile(ROOT));
        assertEquals(Set.of("partnership-manager", "disclosure-author"), realm.identity("alice").roles());
        assertEquals(Set.of("partnership-manager", "disclosure-publisher"), realm.identity("bob").roles());
        assertEquals(Set.of("auditor", "partnership-viewer"), realm.identity("ivan").roles());
        assertEquals(List.of("EU"), realm.identity("regina").jurisdictions());
        assertEquals(List.of("CN"), realm.identity("chen").jurisdictions());
        assertEquals(Set.of("audit-writer"), realm.identity("assistant-gateway").roles());
        assertEquals("assistant-gateway-secret", realm.identity("assistant-gateway").clientSecret());
        assertEquals(6, realm.matrixIdentities().size());
    }
}
