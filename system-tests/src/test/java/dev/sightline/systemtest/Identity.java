package dev.sightline.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone who calls the APIs, with the realm roles and jurisdictions the realm file gives them: the demo users
 * (password grant, password = user name) or a client's service account (client-credentials grant).
 */
record Identity(String name, Set<String> roles, List<String> jurisdictions, String clientSecret) {
    static final List<String> DEMO_USERS = List.of("alice", "bob", "ivan", "regina", "chen");
    static final String GATEWAY = "assistant-gateway";
    private static final String SERVICE_ACCOUNT = "service-account-";

    boolean isServiceAccount() {
        return clientSecret != null;
    }

    /** The realm's roles and the identities the matrix drives: the demo users and the assistant gateway. */
    record Realm(Set<String> roles, Map<String, Identity> identities) {
        static Realm read(Path realmFile) {
            JsonNode realm;
            try {
                realm = new ObjectMapper().readTree(realmFile.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<String> roles = new TreeSet<>();
            realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
            Map<String, String> secrets = new LinkedHashMap<>();
            realm.path("clients").forEach(c -> secrets.put(c.path("clientId").asText(), c.path("secret").asText(null)));
            Map<String, Identity> identities = new LinkedHashMap<>();
            for (JsonNode user : realm.path("users")) {
                String username = user.path("username").asText();
                Set<String> userRoles = new TreeSet<>();
                user.path("realmRoles").forEach(r -> userRoles.add(r.asText()));
                List<String> jurisdictions = new ArrayList<>();
                user.path("attributes").path("jurisdictions").forEach(j -> jurisdictions.add(j.asText()));
                if (username.startsWith(SERVICE_ACCOUNT)) {
                    String client = username.substring(SERVICE_ACCOUNT.length());
                    identities.put(client, new Identity(client, userRoles, List.of(), secrets.get(client)));
                } else {
                    identities.put(username, new Identity(username, userRoles, List.copyOf(jurisdictions), null));
                }
            }
            return new Realm(Set.copyOf(roles), identities);
        }

        Identity identity(String name) {
            Identity identity = identities.get(name);
            if (identity == null) {
                throw new IllegalArgumentException("No identity " + name + " in the realm file");
            }
            return identity;
        }

        /** Who the authorization matrix drives: every demo user and the assistant gateway. */
        List<Identity> matrixIdentities() {
            List<Identity> list = new ArrayList<>();
            DEMO_USERS.forEach(n -> list.add(identity(n)));
            list.add(identity(GATEWAY));
            return list;
        }
    }
}
