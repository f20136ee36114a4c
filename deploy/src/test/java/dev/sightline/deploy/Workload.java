package dev.sightline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.deploy.Manifests.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One service's Deployment in the base and what its container is given. */
record Workload(ServiceConfig service, Manifests base, Resource deployment, JsonNode container) {

    static Workload of(ServiceConfig service, Manifests base) {
        Resource deployment = base.get("Deployment", service.name());
        JsonNode container = null;
        for (JsonNode c : podSpec(deployment.doc()).path("containers")) {
            if (c.path("name").asText().equals(service.name())) {
                container = c;
            }
        }
        if (container == null) {
            throw new AssertionError(deployment + " has no container named " + service.name());
        }
        return new Workload(service, base, deployment, container);
    }

    static JsonNode podSpec(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec");
    }

    JsonNode podSpec() {
        return podSpec(deployment.doc());
    }

    JsonNode podLabels() {
        return deployment.doc().path("spec").path("template").path("metadata").path("labels");
    }

    /** The container's env entries by name. */
    Map<String, JsonNode> env() {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode entry : container.path("env")) {
            env.put(entry.path("name").asText(), entry);
        }
        return env;
    }

    /** The value an env entry has, when it is not a secret: a literal or a ConfigMap key. */
    Optional<String> plainValue(String variable) {
        JsonNode entry = env().get(variable);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.has("value")) {
            return Optional.of(entry.path("value").asText());
        }
        JsonNode ref = entry.path("valueFrom").path("configMapKeyRef");
        if (ref.isMissingNode()) {
            return Optional.empty();
        }
        return base.find("ConfigMap", ref.path("name").asText())
                .map(cm -> cm.doc().path("data").path(ref.path("key").asText()))
                .filter(v -> !v.isMissingNode()).map(JsonNode::asText);
    }

    /** The Secret and key an env entry reads, if it reads one. */
    Optional<JsonNode> secretRef(String variable) {
        JsonNode entry = env().get(variable);
        if (entry == null) {
            return Optional.empty();
        }
        JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
        return ref.isMissingNode() ? Optional.empty() : Optional.of(ref);
    }

    /** A container port number, from a number or a port name. */
    Optional<Integer> resolvePort(JsonNode port) {
        if (port.isInt()) {
            return Optional.of(port.asInt());
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return Optional.of(p.path("containerPort").asInt());
            }
        }
        return Optional.empty();
    }

    /** The volume mounted at exactly this path, if any. */
    Optional<JsonNode> volumeMountedAt(String mountPath) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(mountPath)) {
                for (JsonNode volume : podSpec().path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        return Optional.of(volume);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether every label of {@code selector} is on the pods. */
    boolean podsCarry(JsonNode selector) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var label : selector.properties()) {
            if (!label.getValue().asText().equals(podLabels().path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
