package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PostgreSQL through CloudNativePG and Keycloak through its operator, wired to the services' settings. */
class DatabaseAndIdentityTest {
    static final String CNPG = "postgresql.cnpg.io/v1";
    static final String KEYCLOAK = "k8s.keycloak.org/v2alpha1";
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");
    private static final Manifests BASE = Manifests.of(Repo.BASE);
    private static final SecretDocs SECRETS = SecretDocs.fromReadme();

    /** Where a database comes from: the cluster, its name, its owner role and that role's Secret. */
    record Database(String cluster, String name, String owner) {
    }

    static Stream<ServiceConfig> services() {
        return ServiceDeploymentTest.services();
    }

    @Test
    void postgresAndKeycloakComeFromTheirOperators() {
        assertFalse(BASE.ofKind("Cluster").isEmpty(), "no CloudNativePG Cluster");
        BASE.ofKind("Cluster").forEach(c -> assertEquals(CNPG, c.apiVersion(), c.toString()));
        BASE.ofKind("Database").forEach(d -> assertEquals(CNPG, d.apiVersion(), d.toString()));
        assertEquals(1, BASE.ofKind("Keycloak").size(), "one Keycloak");
        assertEquals(KEYCLOAK, BASE.ofKind("Keycloak").get(0).apiVersion());
        assertEquals(1, BASE.ofKind("KeycloakRealmImport").size(), "one KeycloakRealmImport");
        assertEquals(KEYCLOAK, BASE.ofKind("KeycloakRealmImport").get(0).apiVersion());
    }

    @ParameterizedTest
    @MethodSource("services")
    void connectsToItsOwnDatabaseWhoseOwnerMigratesIt(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        Matcher url = jdbc(workload);
        Resource cluster = clusterBehind(url.group(1));
        Database database = databases().get(cluster.name() + "/" + url.group(3));
        assertTrue(database != null, "database " + url.group(3) + " is made neither by " + cluster
                + "'s initdb nor by a Database resource; there are " + databases().keySet());
        // Flyway runs as DB_OWNER_USER when the service separates the roles, else as DB_USER
        String migrator = service.variables().containsKey("DB_OWNER_USER") ? "DB_OWNER" : "DB";
        assertEquals(roleSecret(cluster, database.owner()), secretOf(workload, migrator + "_USER"),
                migrator + "_USER must come from the Secret of " + database.owner() + ", the owner of " + database.name());
        assertEquals(secretOf(workload, migrator + "_USER"), secretOf(workload, migrator + "_PASSWORD"),
                "user and password from one Secret");
        if (migrator.equals("DB_OWNER")) {
            String app = secretOf(workload, "DB_USER");
            assertNotEquals(roleSecret(cluster, database.owner()), app, "the service must not run as the schema owner");
            assertEquals(app, secretOf(workload, "DB_PASSWORD"), "user and password from one Secret");
            assertTrue(managedRoles(cluster).values().stream().anyMatch(r -> r.path("passwordSecret").path("name")
                    .asText().equals(app) && r.path("login").asBoolean()), "DB_USER's Secret " + app
                    + " belongs to no managed login role of " + cluster);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void verifiesTheDatabaseCertificateAgainstAMountedCa(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        Matcher url = jdbc(workload);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : Optional.ofNullable(url.group(4)).orElse("").split("&")) {
            if (pair.contains("=")) {
                params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        assertEquals("verify-full", params.get("sslmode"), "DB_URL of " + service.name());
        Path ca = Path.of(params.getOrDefault("sslrootcert", "/"));
        Optional<JsonNode> volume = workload.volumeMountedAt(String.valueOf(ca.getParent()));
        assertTrue(volume.isPresent(), "nothing mounted at " + ca.getParent());
        assertEquals(clusterBehind(url.group(1)).name() + "-ca", volume.get().path("secret").path("secretName").asText(),
                "the CA CloudNativePG made for the cluster");
    }

    @Test
    void noTwoServicesShareADatabaseOrARole() {
        Set<String> databases = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        services().forEach(service -> {
            Workload workload = Workload.of(service, BASE);
            assertTrue(databases.add(jdbc(workload).group(3)), service.name() + " shares its database");
            assertTrue(secrets.add(secretOf(workload, "DB_USER")), service.name() + " shares its role");
        });
    }

    @Test
    void everyRoleSecretIsDocumentedAsBasicAuthForThatRole() {
        List<String> problems = new ArrayList<>();
        for (Resource cluster : BASE.ofKind("Cluster")) {
            Map<String, String> roles = new LinkedHashMap<>();
            JsonNode initdb = cluster.doc().path("spec").path("bootstrap").path("initdb");
            if (initdb.path("secret").has("name")) {
                roles.put(initdb.path("owner").asText(), initdb.path("secret").path("name").asText());
            }
            managedRoles(cluster).forEach((role, spec) -> roles.put(role, spec.path("passwordSecret").path("name").asText()));
            roles.forEach((role, secret) -> {
                Optional<SecretDocs.Command> command = SECRETS.command(secret);
                if (command.isEmpty()) {
                    problems.add(secret + " (role " + role + "): no kubectl create secret in the README");
                } else if (!command.get().type().equals("kubernetes.io/basic-auth")
                        || !role.equals(command.get().literals().get("username"))
                        || !command.get().keys().contains("password")) {
                    problems.add(secret + ": must be --type=kubernetes.io/basic-auth with username=" + role
                            + " and a password, is " + command.get());
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void keycloakUsesItsOwnClusterThroughTheGeneratedCredentials() {
        JsonNode db = BASE.ofKind("Keycloak").get(0).doc().path("spec").path("db");
        assertEquals("postgres", db.path("vendor").asText());
        Resource cluster = clusterBehind(db.path("host").asText());
        JsonNode initdb = cluster.doc().path("spec").path("bootstrap").path("initdb");
        assertEquals(initdb.path("database").asText(), db.path("database").asText());
        assertFalse(initdb.path("secret").has("name"), "let CloudNativePG generate Keycloak's credentials");
        for (String field : List.of("usernameSecret", "passwordSecret")) {
            assertEquals(cluster.name() + "-app", db.path(field).path("name").asText(), field);
            assertTrue(SecretDocs.OPERATOR_MADE.containsKey(db.path(field).path("name").asText()));
        }
        Set<String> serviceClusters = new TreeSet<>();
        services().forEach(s -> serviceClusters.add(clusterBehind(jdbc(Workload.of(s, BASE)).group(1)).name()));
        assertFalse(serviceClusters.contains(cluster.name()), "Keycloak's data must not roll back with the services'");
    }

    @Test
    void keycloakIssuesTokensForAPublicHttpsHostname() {
        JsonNode spec = BASE.ofKind("Keycloak").get(0).doc().path("spec");
        URI hostname = URI.create(spec.path("hostname").path("hostname").asText());
        assertEquals("https", hostname.getScheme(), "the issuer every client sees");
        assertTrue(spec.path("hostname").path("backchannelDynamic").asBoolean(),
                "the services reach Keycloak inside the cluster (KEYCLOAK_URL) while the issuer stays public");
        assertTrue(spec.path("http").path("httpEnabled").asBoolean(), "KEYCLOAK_URL is plain http inside the cluster");
    }

    @Test
    void theReadmeDocumentsOnlySecretsSomethingUses() {
        Set<String> used = new TreeSet<>();
        for (Path dir : List.of(Repo.PRODUCTION, WitnessDeploymentTest.WITNESS)) {
            for (Resource resource : Manifests.of(dir).all()) {
                collectSecretNames(resource.doc(), used);
            }
        }
        Set<String> unused = new TreeSet<>(SECRETS.names());
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "documented in deploy/kubernetes/README.md but used by no manifest");
        assertFalse(SECRETS.names().isEmpty(), "the README documents no kubectl create secret command");
    }

    @Test
    void theReadmeSaysHowToApplyTheProductionOverlay() {
        assertTrue(Repo.read(Repo.KUBERNETES_README).contains("kubectl apply -k deploy/kubernetes/overlays/production"));
    }

    static Matcher jdbc(Workload workload) {
        String value = workload.plainValue("DB_URL").orElseThrow(() -> new AssertionError(
                workload.service().name() + ": DB_URL is not a plain value or ConfigMap key"));
        Matcher m = JDBC.matcher(value);
        assertTrue(m.matches(), "DB_URL " + value);
        assertEquals(5432, m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        return m;
    }

    /** The CloudNativePG cluster behind a host name: its read-write Service is {@code <cluster>-rw}. */
    static Resource clusterBehind(String host) {
        assertTrue(host.endsWith("-rw"), host + " is not a CloudNativePG read-write Service (<cluster>-rw)");
        return BASE.get("Cluster", host.substring(0, host.length() - "-rw".length()));
    }

    static Map<String, Database> databases() {
        Map<String, Database> result = new LinkedHashMap<>();
        for (Resource cluster : BASE.ofKind("Cluster")) {
            JsonNode initdb = cluster.doc().path("spec").path("bootstrap").path("initdb");
            String name = initdb.path("database").asText("app");
            result.put(cluster.name() + "/" + name, new Database(cluster.name(), name, initdb.path("owner").asText(name)));
        }
        for (Resource database : BASE.ofKind("Database")) {
            JsonNode spec = database.doc().path("spec");
            String cluster = spec.path("cluster").path("name").asText();
            result.put(cluster + "/" + spec.path("name").asText(),
                    new Database(cluster, spec.path("name").asText(), spec.path("owner").asText()));
        }
        return result;
    }

    static Map<String, JsonNode> managedRoles(Resource cluster) {
        Map<String, JsonNode> roles = new LinkedHashMap<>();
        for (JsonNode role : cluster.doc().path("spec").path("managed").path("roles")) {
            roles.put(role.path("name").asText(), role);
        }
        return roles;
    }

    /** The Secret holding a role's password: initdb's for the bootstrap owner, else the managed role's. */
    static String roleSecret(Resource cluster, String role) {
        JsonNode initdb = cluster.doc().path("spec").path("bootstrap").path("initdb");
        if (role.equals(initdb.path("owner").asText()) && initdb.path("secret").has("name")) {
            return initdb.path("secret").path("name").asText();
        }
        JsonNode managed = managedRoles(cluster).get(role);
        assertTrue(managed != null, "role " + role + " is neither initdb's owner nor managed in " + cluster);
        return managed.path("passwordSecret").path("name").asText();
    }

    static String secretOf(Workload workload, String variable) {
        return workload.secretRef(variable).map(ref -> ref.path("name").asText()).orElseThrow(() -> new AssertionError(
                workload.service().name() + ": " + variable + " is not read from a Secret"));
    }

    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "secretKeyRef", "passwordSecret", "secret", "usernameSecret" -> {
                        if (value.has("name")) {
                            names.add(value.path("name").asText());
                        }
                    }
                    case "secretName" -> names.add(value.asText());
                    default -> {
                    }
                }
                collectSecretNames(value, names);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretNames(child, names));
        }
    }
}
