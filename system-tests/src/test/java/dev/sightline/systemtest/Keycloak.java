package dev.sightline.systemtest;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The official Keycloak distribution, started in dev mode on an in-memory database with the project's realm
 * imported, plus what the tests add through its admin API: a user holding every role, a client whose tokens live
 * seconds, and a second realm (another issuer) that mirrors {@code sightline}.
 */
final class Keycloak {
    static final String REALM = "sightline";
    static final String OTHER_REALM = "elsewhere";
    static final String ALL_ROLES_USER = "all-roles";
    static final String SHORT_LIVED_CLIENT = "sightline-cli-short-lived";
    static final String NO_AUDIENCE_CLIENT = "sightline-cli-no-audience";
    static final int SHORT_LIFESPAN_SECONDS = 5;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "system-tests-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path realmFile;
    private final int port;
    private ManagedProcess process;

    Keycloak(Path realmFile, int port) {
        this.realmFile = realmFile;
        this.port = port;
    }

    /** The base URL the services and the tests share; the issuer is {@code url()/realms/sightline}. */
    String url() {
        return "http://localhost:" + port;
    }

    String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    ManagedProcess process() {
        return process;
    }

    ManagedProcess start(Path home, int managementPort, Path log) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + " (maven-dependency-plugin unpacks it in pre-integration-test; run through Maven)");
        }
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.copy(realmFile, imports.resolve("sightline-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The services' tokens must name exactly this issuer, whatever host a request used.
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--db=dev-mem", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--hostname=" + url(), "--health-enabled=false", "--metrics-enabled=false");
        process = ManagedProcess.start("keycloak", command, env, home, log);
        return process;
    }

    /** Ready when the realm answers its discovery document. */
    void awaitReady(Duration timeout) {
        Polling.until("Keycloak serves realm " + REALM, timeout, Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log "
                        + process.log() + ":\n" + process.tail(40));
            }
            try {
                return given().baseUri(url()).get("/realms/" + REALM + "/.well-known/openid-configuration")
                        .statusCode() == 200;
            } catch (Exception notListeningYet) {
                return false;
            }
        });
    }

    // ---- tokens

    /** A user's access token by the password grant of the public client {@code sightline-cli}. */
    TokenResponse passwordGrant(String realm, String clientId, String username, String password) {
        Response response = given().baseUri(url()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", clientId)
                .formParam("username", username).formParam("password", password)
                .post("/realms/{realm}/protocol/openid-connect/token", realm);
        return TokenResponse.of(response, realm + "/" + username);
    }

    /** A service account's access token by the client-credentials grant. */
    TokenResponse clientCredentials(String clientId, String secret) {
        Response response = given().baseUri(url()).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/realms/{realm}/protocol/openid-connect/token", REALM);
        return TokenResponse.of(response, clientId);
    }

    record TokenResponse(String accessToken, long expiresAt) {
        static TokenResponse of(Response response, String who) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + who + ": " + response.statusCode()
                        + " " + response.asString());
            }
            String token = response.jsonPath().getString("access_token");
            return new TokenResponse(token, claims(token).path("exp").asLong());
        }
    }

    /** The decoded payload of a JWT (no signature check: the services do that). */
    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what the tests add through the admin API

    /**
     * A user with every realm role and both jurisdictions in {@code sightline}, a public client whose tokens live
     * {@value #SHORT_LIFESPAN_SECONDS} s, and the realm {@code elsewhere}: the same realm file under another name
     * (same roles, clients, audience mapper, users and the all-roles user), so its tokens differ only by issuer
     * and signing key.
     */
    void addTestFixtures(Set<String> roles) {
        String admin = adminToken();
        createShortLivedClient(admin);
        createNoAudienceClient(admin);
        createAllRolesUser(admin, roles);
        createOtherRealm(admin, roles);
    }

    /**
     * Lets a browser client of the realm redirect back to URLs of this run (the realm names only the fixed ports of
     * the local run); its web origins ({@code +}) follow the redirect URIs.
     */
    void allowRedirects(String clientId, List<String> redirectUris) {
        String admin = adminToken();
        JsonNode found;
        try {
            found = JSON.readTree(admin(admin).queryParam("clientId", clientId)
                    .get("/admin/realms/{realm}/clients", REALM).then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode client = (ObjectNode) found.get(0);
        redirectUris.forEach(client.withArrayProperty("redirectUris")::add);
        admin(admin).body(client.toString()).put("/admin/realms/{realm}/clients/{id}", REALM,
                client.path("id").asText()).then().statusCode(204);
    }

    private String adminToken() {
        return passwordGrant("master", "admin-cli", ADMIN, ADMIN_PASSWORD).accessToken();
    }

    private void createShortLivedClient(String admin) {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", SHORT_LIVED_CLIENT);
        client.put("name", "System tests: tokens that expire within seconds");
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("directAccessGrantsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("protocol", "openid-connect");
        client.putObject("attributes").put("access.token.lifespan", String.valueOf(SHORT_LIFESPAN_SECONDS));
        client.putArray("defaultClientScopes").add("basic").add("roles").add("sightline-api").add("profile")
                .add("email");
        admin(admin).body(client.toString()).post("/admin/realms/{realm}/clients", REALM).then().statusCode(201);
    }

    /** A public client without the sightline-api scope: its tokens carry roles but not the audience sightline-api. */
    private void createNoAudienceClient(String admin) {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", NO_AUDIENCE_CLIENT);
        client.put("name", "System tests: tokens issued for another audience");
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("directAccessGrantsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("protocol", "openid-connect");
        client.putArray("defaultClientScopes").add("basic").add("roles").add("profile");
        admin(admin).body(client.toString()).post("/admin/realms/{realm}/clients", REALM).then().statusCode(201);
    }

    private void createAllRolesUser(String admin, Set<String> roles) {
        Response created = admin(admin).body(allRolesUser(null).toString())
                .post("/admin/realms/{realm}/users", REALM);
        created.then().statusCode(201);
        String location = created.header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        ArrayNode mappings = JSON.createArrayNode();
        for (String role : roles) {
            String representation = admin(admin).get("/admin/realms/{realm}/roles/{role}", REALM, role).then()
                    .statusCode(200).extract().asString();
            try {
                mappings.add(JSON.readTree(representation));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        admin(admin).body(mappings.toString())
                .post("/admin/realms/{realm}/users/{id}/role-mappings/realm", REALM, userId)
                .then().statusCode(204);
    }

    private ObjectNode allRolesUser(Set<String> realmRoles) {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", ALL_ROLES_USER);
        user.put("enabled", true);
        user.put("emailVerified", true);
        user.put("email", ALL_ROLES_USER + "@sightline.example");
        user.put("firstName", "Every");
        user.put("lastName", "Role");
        user.putObject("attributes").putArray("jurisdictions").add("EU").add("CN");
        user.putArray("credentials").addObject().put("type", "password").put("value", ALL_ROLES_USER)
                .put("temporary", false);
        if (realmRoles != null) {
            ArrayNode list = user.putArray("realmRoles");
            realmRoles.forEach(list::add);
        }
        return user;
    }

    private void createOtherRealm(String admin, Set<String> roles) {
        ObjectNode realm;
        try {
            realm = (ObjectNode) JSON.readTree(realmFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        realm.put("realm", OTHER_REALM);
        realm.put("displayName", "Another issuer (system tests)");
        ArrayNode users = (ArrayNode) realm.get("users");
        users.add(allRolesUser(roles));
        admin(admin).body(realm.toString()).post("/admin/realms").then().statusCode(201);
    }

    private RequestSpecification admin(String token) {
        return given().baseUri(url()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
