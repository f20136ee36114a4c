package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.deploy.Manifests.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed KeycloakRealmImport is deploy/keycloak/sightline-realm.json made fit for production, by
 * exactly these rules and nothing else:
 * <ol>
 * <li>users with credentials (the demo people, whose password is their name) are dropped; the service
 * accounts stay, since they carry the roles of the clients' outgoing calls;</li>
 * <li>clients with the password grant ({@code directAccessGrantsEnabled}, the local scripts' client) are dropped;</li>
 * <li>each confidential client's secret becomes a placeholder {@code ${<CLIENT_ID>_CLIENT_SECRET}}, filled at
 * import from the Secret {@code <clientId>-oidc} (key {@code client-secret}), the same Secret the service
 * itself reads as OIDC_CLIENT_SECRET;</li>
 * <li>{@code sslRequired} becomes {@code external} and the display name loses "(local demo)";</li>
 * <li>sign-in is hardened ({@link #hardenSignIn}): brute-force detection, a password policy, and a one-time password
 * for disclosure publishers, regulators and auditors. The local demo keeps all three off.</li>
 * <li>browsers come back only to the production hosts, over https ({@link #comeBackToProductionHosts}): the
 * services' Swagger UI ({@code sightline-web}) and the portal ({@code sightline-portal}) at their hosts of the
 * production Ingress, never to localhost.</li>
 * </ol>
 * Refresh the file after changing the realm: {@code ./mvnw -pl deploy verify -Dsightline.realm.refresh=true}.
 */
class RealmImportTest {
    static final String REFRESH = "sightline.realm.refresh";
    private static final String SECRET_KEY = "client-secret";
    private static final Pattern CREDENTIALS = Pattern.compile("(?m)^\\s*\"?credentials\"?\\s*:");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*_CLIENT_SECRET)}");

    @Test
    void theRealmImportIsTheRealmFileMadeFitForProduction() throws IOException {
        JsonNode local = Yaml.json(Repo.REALM);
        if (Boolean.getBoolean(REFRESH)) {
            Files.writeString(Repo.REALM_IMPORT, render(local), StandardCharsets.UTF_8);
        }
        JsonNode committed = Yaml.document(Repo.REALM_IMPORT);
        assertEquals(expectedImport(local), committed,
                "deploy/kubernetes/base/keycloak/realm-import.yaml is not deploy/keycloak/sightline-realm.json made fit for"
                        + " production; refresh it: ./mvnw -pl deploy verify -D" + REFRESH + "=true");
    }

    @Test
    void everyPlaceholderIsFilledFromADocumentedSecret() {
        JsonNode spec = realmImport().doc().path("spec");
        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(spec.path("realm").toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        assertFalse(used.isEmpty(), "no client secret placeholder in the realm import");
        Set<String> declared = new TreeSet<>();
        spec.path("placeholders").fieldNames().forEachRemaining(declared::add);
        assertEquals(used, declared, "placeholders used in the realm vs declared in spec.placeholders");
        SecretDocs secrets = SecretDocs.fromReadme();
        for (String placeholder : declared) {
            JsonNode ref = spec.path("placeholders").path(placeholder).path("secret");
            assertTrue(secrets.provides(ref.path("name").asText(), ref.path("key").asText()),
                    placeholder + " reads Secret " + ref + ", which deploy/kubernetes/README.md does not create");
        }
    }

    @Test
    void eachServicePresentsTheSecretKeycloakImportsForItsClient() {
        Manifests base = Manifests.of(Repo.BASE);
        JsonNode placeholders = realmImport().doc().path("spec").path("placeholders");
        for (String service : ServiceConfig.SERVICES.keySet()) {
            Workload workload = Workload.of(ServiceConfig.of(service), base);
            JsonNode ref = workload.secretRef("OIDC_CLIENT_SECRET").orElseThrow(() -> new AssertionError(
                    service + " reads OIDC_CLIENT_SECRET from no Secret"));
            JsonNode imported = placeholders.path(placeholder(service)).path("secret");
            assertEquals(imported, ref, service + ": Keycloak imports the client secret from " + imported
                    + " but the service presents " + ref);
        }
    }

    @Test
    void theImportTargetsTheKeycloakOfTheBase() {
        Manifests base = Manifests.of(Repo.BASE);
        assertEquals(base.ofKind("Keycloak").get(0).name(), realmImport().doc().path("spec").path("keycloakCRName").asText());
    }

    @Test
    void noDemoSecretOrPasswordIsCommittedUnderKubernetes() {
        JsonNode local = Yaml.json(Repo.REALM);
        List<String> literals = new ArrayList<>();
        local.path("clients").forEach(c -> {
            if (c.has("secret")) {
                literals.add(c.path("secret").asText());
            }
        });
        assertFalse(literals.isEmpty());
        List<String> found = new ArrayList<>();
        for (Path file : Yaml.filesUnder(Repo.KUBERNETES)) {
            String text = Repo.read(file);
            literals.stream().filter(text::contains).forEach(s -> found.add(Repo.ROOT.relativize(file) + ": " + s));
            if (CREDENTIALS.matcher(text).find()) {
                found.add(Repo.ROOT.relativize(file) + ": a user's credentials");
            }
        }
        assertEquals(List.of(), found);
    }

    /** The KeycloakRealmImport that the rules above make of the local realm. */
    static ObjectNode expectedImport(JsonNode local) {
        ObjectNode realm = productionRealm(local);
        ObjectNode doc = Yaml.JSON.createObjectNode();
        doc.put("apiVersion", DatabaseAndIdentityTest.KEYCLOAK);
        doc.put("kind", "KeycloakRealmImport");
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", "sightline-realm");
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/name", "sightline-keycloak");
        labels.put("app.kubernetes.io/part-of", "sightline");
        ObjectNode spec = doc.putObject("spec");
        spec.put("keycloakCRName", Manifests.of(Repo.BASE).ofKind("Keycloak").get(0).name());
        ObjectNode placeholders = spec.putObject("placeholders");
        Map<String, String> byPlaceholder = new TreeMap<>();
        realm.path("clients").forEach(c -> {
            if (c.has("secret")) {
                byPlaceholder.put(placeholder(c.path("clientId").asText()), c.path("clientId").asText() + "-oidc");
            }
        });
        byPlaceholder.forEach((name, secret) -> {
            ObjectNode ref = placeholders.putObject(name).putObject("secret");
            ref.put("name", secret);
            ref.put("key", SECRET_KEY);
        });
        spec.set("realm", realm);
        return doc;
    }

    static ObjectNode productionRealm(JsonNode local) {
        ObjectNode realm = local.deepCopy();
        realm.put("displayName", "Sightline");
        realm.put("sslRequired", "external");
        ArrayNode clients = Yaml.JSON.createArrayNode();
        for (JsonNode client : local.path("clients")) {
            if (client.path("directAccessGrantsEnabled").asBoolean(false)) {
                continue;
            }
            ObjectNode copy = client.deepCopy();
            if (copy.has("secret")) {
                copy.put("secret", "${" + placeholder(copy.path("clientId").asText()) + "}");
            }
            clients.add(copy);
        }
        realm.set("clients", clients);
        ArrayNode users = Yaml.JSON.createArrayNode();
        for (JsonNode user : local.path("users")) {
            if (!user.has("credentials")) {
                users.add(user.deepCopy());
            }
        }
        realm.set("users", users);
        hardenSignIn(realm);
        comeBackToProductionHosts(realm);
        return realm;
    }

    static final String SWAGGER_UI_CLIENT = "sightline-web";
    static final String PORTAL_CLIENT = "sightline-portal";
    static final String PORTAL = "portal";
    static final String SWAGGER_UI_REDIRECT = "/q/swagger-ui/oauth2-redirect.html";

    /**
     * Rule 6: {@code sightline-web} may send the browser back only to each service's Swagger UI at its host of the
     * production Ingress ({@code https://<host>}{@value #SWAGGER_UI_REDIRECT}), {@code sightline-portal} only to the
     * portal's ({@code https://<host>/*}); their web origins stay {@code +}, the origins of those redirect URIs.
     */
    static void comeBackToProductionHosts(ObjectNode realm) {
        Map<String, String> hosts = productionHosts();
        for (JsonNode client : realm.path("clients")) {
            ArrayNode uris = Yaml.JSON.createArrayNode();
            switch (client.path("clientId").asText()) {
                case SWAGGER_UI_CLIENT -> new TreeSet<>(ServiceConfig.SERVICES.keySet())
                        .forEach(service -> uris.add("https://" + host(hosts, service) + SWAGGER_UI_REDIRECT));
                case PORTAL_CLIENT -> uris.add("https://" + host(hosts, PORTAL) + "/*");
                default -> {
                    continue;
                }
            }
            ((ObjectNode) client).set("redirectUris", uris);
            ((ObjectNode) client).putArray("webOrigins").add("+");
        }
    }

    /** The host of each Service behind the production Ingress, by Service name. */
    static Map<String, String> productionHosts() {
        Map<String, String> hosts = new TreeMap<>();
        for (Resource ingress : Manifests.of(Repo.PRODUCTION).ofKind("Ingress")) {
            for (JsonNode rule : ingress.doc().path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    hosts.put(path.path("backend").path("service").path("name").asText(), rule.path("host").asText());
                }
            }
        }
        return hosts;
    }

    private static String host(Map<String, String> hosts, String service) {
        String host = hosts.get(service);
        if (host == null) {
            throw new IllegalStateException("the production Ingress has no host for " + service);
        }
        return host;
    }

    /** The realm role whose holders sign in with a one-time password in production. */
    static final String OTP_ROLE = "otp-required";
    /** The roles that include {@link #OTP_ROLE} in production. */
    static final List<String> OTP_ROLES = List.of("disclosure-publisher", "regulator", "auditor");
    static final String OTP_FLOW = "browser with one-time password by role";

    /**
     * Rule 5: brute-force detection (after 5 failed sign-ins in a row the user waits a minute, doubling up to 15
     * minutes; failures are forgotten after 12 hours), a password policy (12 to 128 characters, not the user name or
     * e-mail, none of the last 5), and a browser flow that asks every holder of {@link #OTP_ROLE}, which
     * disclosure-publisher, regulator and auditor include, for a one-time password (TOTP) after the password,
     * setting one up at the first sign-in.
     */
    static void hardenSignIn(ObjectNode realm) {
        realm.put("bruteForceProtected", true);
        realm.put("permanentLockout", false);
        realm.put("failureFactor", 5);
        realm.put("waitIncrementSeconds", 60);
        realm.put("maxFailureWaitSeconds", 900);
        realm.put("maxDeltaTimeSeconds", 43_200);
        realm.put("quickLoginCheckMilliSeconds", 1_000);
        realm.put("minimumQuickLoginWaitSeconds", 60);
        realm.put("passwordPolicy", "length(12) and maxLength(128) and notUsername and notEmail and passwordHistory(5)");
        ArrayNode roles = (ArrayNode) realm.path("roles").path("realm");
        for (JsonNode role : roles) {
            if (OTP_ROLES.contains(role.path("name").asText())) {
                ((ObjectNode) role).put("composite", true);
                ((ObjectNode) role).putObject("composites").putArray("realm").add(OTP_ROLE);
            }
        }
        roles.addObject().put("name", OTP_ROLE).put("description",
                "signs in with a one-time password after the password (production); included in "
                        + String.join(", ", OTP_ROLES));
        realm.put("browserFlow", OTP_FLOW);
        try {
            realm.set("authenticationFlows", Yaml.JSON.readTree("""
                    [{"alias": "%s", "description": "password, then a one-time password for holders of %s",
                      "providerId": "basic-flow", "topLevel": true, "builtIn": false,
                      "authenticationExecutions": [
                        {"authenticator": "auth-cookie", "authenticatorFlow": false, "requirement": "ALTERNATIVE",
                         "priority": 10, "userSetupAllowed": false},
                        {"authenticatorFlow": true, "flowAlias": "sign-in forms", "requirement": "ALTERNATIVE",
                         "priority": 20, "userSetupAllowed": false}]},
                     {"alias": "sign-in forms", "description": "user name and password, then the one-time password by role",
                      "providerId": "basic-flow", "topLevel": false, "builtIn": false,
                      "authenticationExecutions": [
                        {"authenticator": "auth-username-password-form", "authenticatorFlow": false,
                         "requirement": "REQUIRED", "priority": 10, "userSetupAllowed": false},
                        {"authenticatorFlow": true, "flowAlias": "one-time password by role", "requirement": "CONDITIONAL",
                         "priority": 20, "userSetupAllowed": false}]},
                     {"alias": "one-time password by role", "description": "for holders of %s",
                      "providerId": "basic-flow", "topLevel": false, "builtIn": false,
                      "authenticationExecutions": [
                        {"authenticator": "conditional-user-role", "authenticatorConfig": "holds %s",
                         "authenticatorFlow": false, "requirement": "REQUIRED", "priority": 10, "userSetupAllowed": false},
                        {"authenticator": "auth-otp-form", "authenticatorFlow": false, "requirement": "REQUIRED",
                         "priority": 20, "userSetupAllowed": false}]}]
                    """.formatted(OTP_FLOW, OTP_ROLE, OTP_ROLE, OTP_ROLE)));
            realm.set("authenticatorConfig", Yaml.JSON.readTree("""
                    [{"alias": "holds %s", "config": {"condUserRole": "%s", "negate": "false"}}]
                    """.formatted(OTP_ROLE, OTP_ROLE)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sign-in flow above is JSON", e);
        }
    }

    static String placeholder(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    private static Resource realmImport() {
        return Manifests.of(Repo.BASE).ofKind("KeycloakRealmImport").get(0);
    }

    private static String render(JsonNode local) throws JsonProcessingException {
        return """
                # GENERATED from deploy/keycloak/sightline-realm.json by RealmImportTest: do not edit by hand.
                # Refresh after changing the realm:  ./mvnw -pl deploy verify -Dsightline.realm.refresh=true
                # Production differs from the local realm in six ways only (RealmImportTest checks it):
                #   - no demo users (alice, bob, ivan, regina, chen); the service accounts stay
                #   - no sightline-cli (the password grant is for local scripts)
                #   - each confidential client's secret is a placeholder, filled at import from the Secret
                #     <clientId>-oidc (key client-secret), the one the service itself presents
                #   - sslRequired "external" and the display name "Sightline"
                #   - brute-force detection, a password policy, and a one-time password (TOTP) after the password
                #     for holders of otp-required, which disclosure-publisher, regulator and auditor include
                #   - sign-in comes back to the production Ingress's hosts over https, never to localhost: the
                #     services' Swagger UI (sightline-web) and the portal (sightline-portal); with your domain, change
                #     them here as in the Ingress
                # The operator imports a realm once, when it does not exist yet; later changes to the realm are made
                # in Keycloak (or by deleting the realm and this resource, then applying again).
                """ + Yaml.WRITER.writeValueAsString(expectedImport(local));
    }
}
