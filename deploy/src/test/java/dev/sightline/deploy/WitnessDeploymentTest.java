package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteVerifier;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The example of a regulator's witness ({@code deploy/kubernetes/witness}) agrees with the witness's
 * application.properties, keeps its state on a volume with one process on it, and is the witness the production
 * overlay's audit-service is configured with.
 */
class WitnessDeploymentTest {
    static final Path WITNESS = Repo.KUBERNETES.resolve("witness");
    private static final Manifests MANIFESTS = Manifests.of(WITNESS);
    private static final ServiceConfig CONFIG = ServiceConfig.of("witness");
    private static final Workload WORKLOAD = Workload.of(CONFIG, MANIFESTS);

    @Test
    void oneProcessOnItsStateWhichLivesOnAVolumeClaim() {
        JsonNode spec = WORKLOAD.deployment().doc().path("spec");
        assertEquals(1, spec.path("replicas").asInt(), "one witness process per state file");
        assertEquals("Recreate", spec.path("strategy").path("type").asText(),
                "a rolling update would run two processes on the state for a while");
        assertTrue(MANIFESTS.ofKind("HorizontalPodAutoscaler").isEmpty());
        Path state = Path.of(WORKLOAD.plainValue("WITNESS_STATE_FILE").orElseThrow());
        JsonNode volume = WORKLOAD.volumeMountedAt(String.valueOf(state.getParent()))
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + state.getParent()));
        String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
        Resource pvc = MANIFESTS.get("PersistentVolumeClaim", claim);
        assertEquals(List.of("ReadWriteOnce"), Manifests.texts(pvc.doc().path("spec").path("accessModes")));
    }

    @Test
    void listensOnItsPortsProbesHealthThereAndExposesOnlyTheApi() {
        assertEquals(Optional.of(CONFIG.port()), WORKLOAD.resolvePort(Yaml.JSON.getNodeFactory().textNode("http")));
        assertEquals(Optional.of(CONFIG.managementPort()),
                WORKLOAD.resolvePort(Yaml.JSON.getNodeFactory().textNode("management")));
        assertEquals(Integer.toString(CONFIG.managementPort()), WORKLOAD.deployment().doc().path("spec")
                .path("template").path("metadata").path("annotations").path("prometheus.io/port").asText());
        Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready",
                "startupProbe", "/q/health/started").forEach((probe, path) -> {
                    JsonNode get = WORKLOAD.container().path(probe).path("httpGet");
                    assertEquals(path, get.path("path").asText(), probe);
                    assertEquals(Optional.of(CONFIG.port()), WORKLOAD.resolvePort(get.path("port")), probe);
                });
        Resource service = MANIFESTS.get("Service", "witness");
        assertTrue(WORKLOAD.podsCarry(service.doc().path("spec").path("selector")));
        JsonNode ports = service.doc().path("spec").path("ports");
        assertEquals(1, ports.size(), "the API only, never the management port");
        assertEquals(Optional.of(CONFIG.port()), WORKLOAD.resolvePort(ports.get(0).path("targetPort")));
        JsonNode backend = MANIFESTS.get("Ingress", "witness").doc().path("spec").path("rules").get(0).path("http")
                .path("paths").get(0).path("backend").path("service");
        assertEquals("witness", backend.path("name").asText());
        assertEquals("http", backend.path("port").path("name").asText());
    }

    @Test
    void setsOnlyWhatTheWitnessReadsTrustsTheLogsKeyAndMountsItsOwnKey() {
        Set<String> unknown = new TreeSet<>(WORKLOAD.env().keySet());
        unknown.removeAll(CONFIG.variables().keySet());
        unknown.remove("JAVA_MAX_MEM_RATIO");
        assertEquals(Set.of(), unknown, "the witness's application.properties reads none of these");

        String origin = WORKLOAD.plainValue("WITNESS_LOG_ORIGIN").orElseThrow();
        String keys = WORKLOAD.plainValue("WITNESS_LOG_KEYS").orElse("");
        assertFalse(keys.isBlank(), "a witness with no log key refuses every checkpoint");
        for (String key : keys.split(",")) {
            assertEquals(origin, NoteVerifier.parse(key.strip()).name(), "a note key of the log " + origin);
        }

        assertEquals("false", WORKLOAD.plainValue("WITNESS_SIGNING_KEY_GENERATE").orElse(""),
                "a witness that makes itself a new key is a new witness");
        Path key = Path.of(WORKLOAD.plainValue("WITNESS_SIGNING_KEY_FILE").orElseThrow());
        JsonNode secret = WORKLOAD.volumeMountedAt(String.valueOf(key.getParent())).orElseThrow().path("secret");
        assertTrue(SecretDocs.fromReadme().provides(secret.path("secretName").asText(), String.valueOf(
                key.getFileName())), "the Secret " + secret.path("secretName") + " is created in the README");

        JsonNode resources = WORKLOAD.container().path("resources");
        for (String resource : List.of("cpu", "memory")) {
            assertFalse(resources.path("requests").path(resource).asText().isBlank(), "requests." + resource);
            assertFalse(resources.path("limits").path(resource).asText().isBlank(), "limits." + resource);
        }
        assertEquals(resources.path("requests").path("memory").asText(),
                resources.path("limits").path("memory").asText());
    }

    @Test
    void theProductionAuditServiceIsConfiguredWithThisWitness() throws IOException {
        Manifests production = Manifests.of(Repo.PRODUCTION);
        Properties witnesses = new Properties();
        witnesses.load(new StringReader(production.get("ConfigMap", "audit-service-witnesses").doc().path("data")
                .path("witnesses.properties").asText()));
        URI url = URI.create(witnesses.getProperty("sightline.witness.witnesses.eu-regulator.url"));
        String host = MANIFESTS.get("Ingress", "witness").doc().path("spec").path("rules").get(0).path("host")
                .asText();
        assertEquals("https://" + host + "/api/v1", url.toString(), "the witness's Ingress, its submission prefix");
        CosignatureVerifier key = CosignatureVerifier.parse(witnesses.getProperty(
                "sightline.witness.witnesses.eu-regulator.key"));
        assertEquals(WORKLOAD.plainValue("WITNESS_NAME").orElseThrow(), key.name());
        int quorum = Integer.parseInt(witnesses.getProperty("sightline.witness.quorum"));
        long named = witnesses.stringPropertyNames().stream().filter(p -> p.endsWith(".url")).count();
        assertTrue(quorum >= 1 && quorum <= named, "quorum " + quorum + " of " + named + " witness(es)");

        // the audit-service reads the file: the patch mounts the ConfigMap where QUARKUS_CONFIG_LOCATIONS points
        JsonNode patch = Yaml.document(Repo.PRODUCTION.resolve("patches/audit-service.yaml"));
        JsonNode container = Workload.podSpec(patch).path("containers").get(0);
        String location = "";
        for (JsonNode entry : container.path("env")) {
            if (entry.path("name").asText().equals("QUARKUS_CONFIG_LOCATIONS")) {
                location = entry.path("value").asText();
            }
        }
        Path file = Path.of(location);
        assertEquals("witnesses.properties", String.valueOf(file.getFileName()), "QUARKUS_CONFIG_LOCATIONS");
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(String.valueOf(file.getParent()))) {
                volume = mount.path("name").asText();
            }
        }
        assertTrue(volume != null, "nothing is mounted at " + file.getParent());
        for (JsonNode v : Workload.podSpec(patch).path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                assertEquals("audit-service-witnesses", v.path("configMap").path("name").asText());
            }
        }
    }
}
