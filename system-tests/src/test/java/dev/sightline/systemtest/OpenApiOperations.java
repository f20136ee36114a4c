package dev.sightline.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of a committed OpenAPI document and who may call them: the scopes of an operation's
 * {@code keycloak} security requirement are the realm roles allowed; a requirement without scopes means public.
 */
final class OpenApiOperations {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiOperations() {
    }

    /**
     * One operation of one service. {@code roles} is empty for a public operation; {@code definition} is the
     * operation's node in {@code document}, against which its schemas' local references resolve.
     */
    record Operation(String service, String method, String path, String summary, boolean isPublic, Set<String> roles,
            List<Parameter> parameters, boolean hasBody, boolean securityDeclared, JsonNode document,
            JsonNode definition) {
        String id() {
            return service + " " + method + " " + path;
        }

        /** The schema of the JSON request body, or null when the operation takes none. */
        JsonNode requestSchema() {
            JsonNode schema = resolve(document, definition.path("requestBody")).path("content")
                    .path("application/json").path("schema");
            return schema.isMissingNode() ? null : schema;
        }

        /** The response codes the contract documents ("200", "404", maybe "default"). */
        Set<String> statuses() {
            Set<String> statuses = new TreeSet<>();
            definition.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }

        /** The documented media types of a response code and their schemas (a missing schema is a missing node). */
        Map<String, JsonNode> responseContent(String status) {
            Map<String, JsonNode> content = new LinkedHashMap<>();
            resolve(document, definition.path("responses").path(status)).path("content").fields()
                    .forEachRemaining(e -> content.put(e.getKey(), e.getValue().path("schema")));
            return content;
        }

        boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        List<Parameter> required(String in) {
            return parameters.stream().filter(p -> p.in().equals(in) && p.required()).toList();
        }

        boolean allows(Identity identity) {
            return isPublic || identity.roles().stream().anyMatch(roles::contains);
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** A parameter; {@code schema} is its schema with a top-level reference followed. */
    record Parameter(String name, String in, boolean required, String type, String format, JsonNode schema) {
    }

    static List<Operation> read(String service, Path document) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(document.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + document, e);
        }
        List<Operation> operations = new ArrayList<>();
        JsonNode globalSecurity = root.get("security");
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Parameter> shared = parameters(root, path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                JsonNode security = op.has("security") ? op.get("security") : globalSecurity;
                boolean isPublic = security == null || security.isEmpty();
                Set<String> roles = new TreeSet<>();
                if (security != null) {
                    for (JsonNode requirement : security) {
                        boolean scoped = false;
                        Iterator<Map.Entry<String, JsonNode>> schemes = requirement.fields();
                        while (schemes.hasNext()) {
                            for (JsonNode scope : schemes.next().getValue()) {
                                roles.add(scope.asText());
                                scoped = true;
                            }
                        }
                        // an alternative without scopes (or the empty requirement {}) lets anyone in
                        isPublic |= !scoped;
                    }
                }
                Map<String, Parameter> params = new LinkedHashMap<>();
                shared.forEach(p -> params.put(p.in() + ":" + p.name(), p));
                parameters(root, op.path("parameters")).forEach(p -> params.put(p.in() + ":" + p.name(), p));
                operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey(),
                        op.path("summary").asText(""), isPublic, isPublic ? Set.of() : Set.copyOf(roles),
                        List.copyOf(params.values()), op.has("requestBody"), op.has("security"), root, op));
            }
        }
        return operations;
    }

    private static List<Parameter> parameters(JsonNode root, JsonNode list) {
        List<Parameter> out = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode parameter = resolve(root, p);
            JsonNode schema = resolve(root, parameter.path("schema"));
            out.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                    parameter.path("required").asBoolean(false) || "path".equals(parameter.path("in").asText()),
                    schema.path("type").asText(""), schema.path("format").asText(""), schema));
        }
        return out;
    }

    /** Follows a local {@code $ref}. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
