package dev.sightline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each service's Deployment, Service, ConfigMap and autoscaler agree with its application.properties. */
class ServiceDeploymentTest {
    /** Variables the container runtime reads, not the application. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "GC_CONTAINER_OPTIONS",
            "GC_MIN_HEAP_FREE_RATIO", "GC_MAX_HEAP_FREE_RATIO", "GC_TIME_RATIO", "GC_ADAPTIVE_SIZE_POLICY_WEIGHT");
    /** A run-java.sh collector variable: the JVM flag it becomes and the script's value when it is unset. */
    private record CollectorFlag(String variable, String flag, String runJavaDefault) {
        String of(Workload workload) {
            return flag + "=" + workload.plainValue(variable).orElse(runJavaDefault);
        }
    }

    private static final List<CollectorFlag> COLLECTOR_FLAGS = List.of(
            new CollectorFlag("GC_MIN_HEAP_FREE_RATIO", "-XX:MinHeapFreeRatio", "10"),
            new CollectorFlag("GC_MAX_HEAP_FREE_RATIO", "-XX:MaxHeapFreeRatio", "20"),
            new CollectorFlag("GC_TIME_RATIO", "-XX:GCTimeRatio", "4"),
            new CollectorFlag("GC_ADAPTIVE_SIZE_POLICY_WEIGHT", "-XX:AdaptiveSizePolicyWeight", "90"));
    private static final Manifests BASE = Manifests.of(Repo.BASE);
    private static final SecretDocs SECRETS = SecretDocs.fromReadme();

    static Stream<ServiceConfig> services() {
        return ServiceConfig.SERVICES.keySet().stream().sorted().map(ServiceConfig::of);
    }

    @ParameterizedTest
    @MethodSource("services")
    void hasADeploymentServiceConfigMapAndDisruptionBudget(ServiceConfig service) {
        for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget")) {
            assertTrue(BASE.find(kind, service.name()).isPresent(), "no " + kind + " " + service.name());
        }
        assertTrue(BASE.find("ConfigMap", service.name() + "-config").isPresent(), "no ConfigMap " + service.name() + "-config");
        if (service.stateless()) {
            assertTrue(BASE.find("HorizontalPodAutoscaler", service.name()).isPresent(),
                    service.name() + " is stateless and has no HorizontalPodAutoscaler");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void listensAndIsServedOnTheConfiguredPort(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        assertEquals(Optional.of(service.port()), workload.resolvePort(Yaml.JSON.getNodeFactory().textNode("http")),
                "container port 'http' of " + service.name() + " is not quarkus.http.port " + service.port());
        assertEquals(2, workload.container().path("ports").size(), "the API's port and the management port");
        JsonNode servicePorts = BASE.get("Service", service.name()).doc().path("spec").path("ports");
        assertEquals(1, servicePorts.size());
        JsonNode port = servicePorts.get(0);
        assertEquals(service.port(), port.path("port").asInt(), "the Service port, which the other services' URLs use");
        assertEquals(Optional.of(service.port()), workload.resolvePort(port.path("targetPort")),
                "the Service's targetPort " + port.path("targetPort") + " is not the container's port");
    }

    @ParameterizedTest
    @MethodSource("services")
    void metricsAreScrapedFromTheManagementPortWhichNoServiceExposes(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        assertEquals(Optional.of(service.managementPort()),
                workload.resolvePort(Yaml.JSON.getNodeFactory().textNode("management")),
                "container port 'management' of " + service.name() + " is not quarkus.management.port");
        JsonNode annotations = workload.deployment().doc().path("spec").path("template").path("metadata")
                .path("annotations");
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        assertEquals(Integer.toString(service.managementPort()), annotations.path("prometheus.io/port").asText(),
                service.name() + ": Prometheus must scrape the management port; /q/metrics is not on the API's");
        for (Resource exposed : BASE.ofKind("Service")) {
            for (JsonNode port : exposed.doc().path("spec").path("ports")) {
                assertFalse(workload.podsCarry(exposed.doc().path("spec").path("selector"))
                        && workload.resolvePort(port.path("targetPort")).equals(Optional.of(service.managementPort())),
                        "Service " + exposed.name() + " exposes the management port of " + service.name());
            }
        }
    }

    /** The heap is a share of the memory limit (run-java.sh turns JAVA_MAX_MEM_RATIO into -XX:MaxRAMPercentage). */
    @ParameterizedTest
    @MethodSource("services")
    void boundsTheHeapWithinAFixedMemoryLimit(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        JsonNode resources = workload.container().path("resources");
        assertEquals(resources.path("requests").path("memory").asText(), resources.path("limits").path("memory")
                .asText(), service.name() + ": the memory request is the limit, so the heap never meets a smaller node");
        int ratio = Integer.parseInt(workload.plainValue("JAVA_MAX_MEM_RATIO").orElse("0"));
        assertTrue(ratio >= 25 && ratio <= 75, service.name() + ": JAVA_MAX_MEM_RATIO " + ratio + " leaves the heap "
                + "unbounded or no room for metaspace, threads and direct buffers");
    }

    /**
     * The disclosure-service's render bench and the audit-service's append bench run their service's code with the
     * JVM flags run-java.sh makes of the Deployment (JAVA_MAX_MEM_RATIO of the memory limit, GC_CONTAINER_OPTIONS or
     * the parallel collector, the GC_* sizing variables or their defaults), so their figures are the production's.
     */
    @ParameterizedTest
    @ValueSource(strings = { "disclosure-service", "audit-service" })
    void theBenchRunsTheServiceWithTheJvmItsDeploymentGivesIt(String name) {
        Workload workload = Workload.of(ServiceConfig.of(name), BASE);
        String pom = Repo.read(Repo.ROOT.resolve(name + "/pom.xml"));
        Set<String> bench = new TreeSet<>();
        if (name.equals("audit-service")) {
            Matcher jvm = Pattern.compile("<bench.service.jvm>([^<]*)</bench.service.jvm>").matcher(pom);
            assertTrue(jvm.find(), "audit-service/pom.xml has no bench.service.jvm");
            bench.addAll(List.of(jvm.group(1).trim().split("\\s+")));
        } else {
            Matcher argument = Pattern.compile("<argument>(-X[^<]*)</argument>").matcher(
                    pom.substring(pom.indexOf("<id>bench</id>")));
            while (argument.find()) {
                bench.add(argument.group(1));
            }
        }
        String limit = workload.container().path("resources").path("limits").path("memory").asText();
        long limitMb = limit.endsWith("Gi") ? 1024L * Long.parseLong(limit.replace("Gi", ""))
                : Long.parseLong(limit.replace("Mi", ""));
        Set<String> expected = new TreeSet<>();
        expected.add("-Xmx" + limitMb * Integer.parseInt(workload.plainValue("JAVA_MAX_MEM_RATIO").orElseThrow()) / 100
                + "m");
        expected.add(workload.plainValue("GC_CONTAINER_OPTIONS").orElse("-XX:+UseParallelGC"));
        COLLECTOR_FLAGS.forEach(flag -> expected.add(flag.of(workload)));
        assertEquals(expected, bench, name + "'s bench runs the service with other JVM flags than its Deployment");
    }

    @ParameterizedTest
    @MethodSource("services")
    void probesAskQuarkusHealthOnThatPort(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        Map<String, String> paths = Map.of(
                "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready",
                "startupProbe", "/q/health/started");
        paths.forEach((probe, path) -> {
            JsonNode get = workload.container().path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), service.name() + " " + probe);
            assertEquals(Optional.of(service.port()), workload.resolvePort(get.path("port")),
                    service.name() + " " + probe + " asks port " + get.path("port"));
        });
        JsonNode startup = workload.container().path("startupProbe");
        int patience = startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
        assertTrue(patience >= 180, service.name() + "'s startup probe gives up after " + patience
                + " s; Flyway migrations need more (at least 180 s)");
    }

    @ParameterizedTest
    @MethodSource("services")
    void setsEveryVariableTheServiceNeeds(ServiceConfig service) {
        Map<String, JsonNode> env = Workload.of(service, BASE).env();
        List<String> missing = new ArrayList<>();
        for (String variable : service.required()) {
            JsonNode entry = env.get(variable);
            boolean given = entry != null && (!entry.path("value").asText().isBlank() || entry.has("valueFrom"));
            if (!given) {
                missing.add(variable);
            }
        }
        assertEquals(List.of(), missing, service.name() + " reads these but its Deployment does not set them");
    }

    @ParameterizedTest
    @MethodSource("services")
    void setsOnlyVariablesTheServiceReads(ServiceConfig service) {
        Set<String> unknown = new TreeSet<>(Workload.of(service, BASE).env().keySet());
        unknown.removeAll(service.variables().keySet());
        unknown.removeAll(RUNTIME_VARIABLES);
        assertEquals(Set.of(), unknown, service.name() + "'s application.properties reads none of these (a typo?)");
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyConfigMapKeyAndSecretItReadsExists(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        List<String> problems = new ArrayList<>();
        workload.env().forEach((variable, entry) -> {
            JsonNode cm = entry.path("valueFrom").path("configMapKeyRef");
            if (!cm.isMissingNode()) {
                Optional<Resource> map = BASE.find("ConfigMap", cm.path("name").asText());
                if (map.isEmpty() || !map.get().doc().path("data").has(cm.path("key").asText())) {
                    problems.add(variable + ": no key " + cm.path("key").asText() + " in ConfigMap " + cm.path("name").asText());
                }
            }
            JsonNode secret = entry.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode() && !SECRETS.provides(secret.path("name").asText(), secret.path("key").asText())) {
                problems.add(variable + ": Secret " + secret.path("name").asText() + " key " + secret.path("key").asText()
                        + " is neither created in deploy/kubernetes/README.md nor by an operator");
            }
        });
        for (JsonNode volume : workload.podSpec().path("volumes")) {
            JsonNode secret = volume.path("secret");
            if (secret.isMissingNode()) {
                continue;
            }
            for (JsonNode item : secret.path("items")) {
                if (!SECRETS.provides(secret.path("secretName").asText(), item.path("key").asText())) {
                    problems.add("volume " + volume.path("name").asText() + ": Secret " + secret.path("secretName").asText()
                            + " key " + item.path("key").asText() + " is neither documented nor made by an operator");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("services")
    void keyFilesAreMountedFromSecretsAndNeverGenerated(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        List<String> problems = new ArrayList<>();
        workload.env().forEach((variable, entry) -> {
            if (variable.endsWith("_GENERATE") && !"false".equals(entry.path("value").asText())) {
                problems.add(variable + " must be \"false\": replicas must share one key, never make their own");
            }
            if (!variable.endsWith("_KEY_FILE")) {
                return;
            }
            Path file = Path.of(workload.plainValue(variable).orElse("/"));
            Optional<JsonNode> volume = workload.volumeMountedAt(String.valueOf(file.getParent()));
            if (volume.isEmpty() || volume.get().path("secret").isMissingNode()) {
                problems.add(variable + "=" + file + ": no Secret volume is mounted at " + file.getParent());
                return;
            }
            boolean projected = false;
            for (JsonNode item : volume.get().path("secret").path("items")) {
                projected |= item.path("path").asText().equals(String.valueOf(file.getFileName()));
            }
            if (!projected) {
                problems.add(variable + "=" + file + ": the Secret volume projects no item " + file.getFileName());
            }
        });
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("services")
    void httpUrlsNameServicesOnTheirPorts(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        Resource keycloak = BASE.ofKind("Keycloak").get(0);
        String publicKeycloak = keycloak.doc().path("spec").path("hostname").path("hostname").asText();
        List<String> problems = new ArrayList<>();
        for (String variable : workload.env().keySet()) {
            Optional<String> value = workload.plainValue(variable);
            if (!variable.endsWith("_URL") || value.isEmpty() || !value.get().startsWith("http")) {
                continue;
            }
            URI url = URI.create(value.get());
            if (value.get().startsWith(publicKeycloak + "/")) {
                continue; // a URL for browsers (Swagger UI's sign-in), at Keycloak's public hostname
            }
            String keycloakService = keycloak.name() + "-service";
            if (url.getHost().equals(keycloakService)) {
                int port = keycloak.doc().path("spec").path("http").path("httpPort").asInt(8080);
                if (url.getPort() != port || !url.getScheme().equals("http")) {
                    problems.add(variable + "=" + url + ": Keycloak serves http on " + port);
                }
                continue;
            }
            Optional<Resource> target = BASE.find("Service", url.getHost());
            if (target.isEmpty()) {
                problems.add(variable + "=" + url + ": no Service " + url.getHost());
            } else if (target.get().doc().path("spec").path("ports").findValues("port").stream()
                    .noneMatch(p -> p.asInt() == url.getPort())) {
                problems.add(variable + "=" + url + ": Service " + url.getHost() + " has no port " + url.getPort());
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("services")
    void selectorsMatchThePodsAndOnlyThem(ServiceConfig service) {
        Workload workload = Workload.of(service, BASE);
        JsonNode serviceSelector = BASE.get("Service", service.name()).doc().path("spec").path("selector");
        assertTrue(workload.podsCarry(serviceSelector), "Service selector " + serviceSelector + " misses the pods "
                + workload.podLabels());
        JsonNode deploymentSelector = workload.deployment().doc().path("spec").path("selector").path("matchLabels");
        assertTrue(workload.podsCarry(deploymentSelector), "Deployment selector " + deploymentSelector);
        JsonNode budgetSelector = BASE.get("PodDisruptionBudget", service.name()).doc().path("spec").path("selector")
                .path("matchLabels");
        assertTrue(workload.podsCarry(budgetSelector), "PodDisruptionBudget selector " + budgetSelector);
        for (String other : ServiceConfig.SERVICES.keySet()) {
            if (!other.equals(service.name())) {
                assertFalse(Workload.of(ServiceConfig.of(other), BASE).podsCarry(serviceSelector),
                        "Service " + service.name() + " also selects the pods of " + other);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void theAutoscalerOwnsTheReplicaCount(ServiceConfig service) {
        Optional<Resource> hpa = BASE.find("HorizontalPodAutoscaler", service.name());
        if (hpa.isEmpty()) {
            return;
        }
        JsonNode spec = hpa.get().doc().path("spec");
        assertEquals("Deployment", spec.path("scaleTargetRef").path("kind").asText());
        assertEquals(service.name(), spec.path("scaleTargetRef").path("name").asText());
        assertFalse(Workload.of(service, BASE).deployment().doc().path("spec").has("replicas"),
                "with an autoscaler the Deployment must not set replicas: every apply would reset them");
        int min = spec.path("minReplicas").asInt(1);
        int max = spec.path("maxReplicas").asInt();
        assertTrue(max >= min, "maxReplicas < minReplicas");
        if (!service.stateless()) {
            // one replica leads the checkpoint integrator and the analytics worker: two for failover, few more
            assertTrue(min >= 2 && max <= 3, service.name() + " scales " + min + ".." + max + ", not conservatively (2..3)");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void requestsAndLimitsCpuAndMemory(ServiceConfig service) {
        JsonNode resources = Workload.of(service, BASE).container().path("resources");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (resources.path(bound).path(resource).asText().isBlank()) {
                    fail(service.name() + " sets no " + bound + "." + resource);
                }
            }
        }
    }
}
