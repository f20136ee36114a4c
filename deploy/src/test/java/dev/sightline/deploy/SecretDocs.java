package dev.sightline.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets that deploy/kubernetes/README.md tells an operator to create: no secret value is committed,
 * so every Secret a manifest names must either come from one of these commands or from an operator.
 */
final class SecretDocs {
    /** One {@code kubectl create secret generic|tls} command. */
    record Command(String name, String type, Set<String> keys, Map<String, String> literals) {
    }

    /** Secrets the operators make themselves: CloudNativePG's cluster CA and its generated app credentials. */
    static final Map<String, Set<String>> OPERATOR_MADE = Map.of(
            "sightline-db-ca", Set.of("ca.crt"),
            "keycloak-db-app", Set.of("username", "password"));

    private static final Pattern CREATE = Pattern.compile("kubectl\\b.*?\\bcreate secret (generic|tls) ([a-z0-9.-]+)(.*)");
    private static final Pattern FROM = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=(\\S*)");
    private static final Pattern TYPE = Pattern.compile("--type[= ](\\S+)");

    private final Map<String, Command> commands = new TreeMap<>();

    SecretDocs(String readme) {
        // a command may continue over several lines with a trailing backslash
        String joined = readme.replaceAll("\\\\\\r?\\n\\s*", " ");
        for (String line : joined.split("\\r?\\n")) {
            Matcher create = CREATE.matcher(line);
            if (!create.find()) {
                continue;
            }
            String name = create.group(2);
            String rest = create.group(3);
            Set<String> keys = new TreeSet<>();
            if (create.group(1).equals("tls")) {
                commands.put(name, new Command(name, "kubernetes.io/tls", Set.of("tls.crt", "tls.key"), Map.of()));
                continue;
            }
            Map<String, String> literals = new TreeMap<>();
            Matcher from = FROM.matcher(rest);
            while (from.find()) {
                keys.add(from.group(1));
                if (rest.startsWith("--from-literal", from.start())) {
                    literals.put(from.group(1), from.group(2).replaceAll("^[\"']|[\"']$", ""));
                }
            }
            Matcher type = TYPE.matcher(rest);
            commands.put(name, new Command(name, type.find() ? type.group(1) : "Opaque", keys, literals));
        }
    }

    static SecretDocs fromReadme() {
        return new SecretDocs(Repo.read(Repo.KUBERNETES_README));
    }

    Optional<Command> command(String secret) {
        return Optional.ofNullable(commands.get(secret));
    }

    Set<String> names() {
        return commands.keySet();
    }

    /** Whether a Secret with this name and key will exist: documented, or made by an operator. */
    boolean provides(String secret, String key) {
        if (OPERATOR_MADE.containsKey(secret)) {
            return OPERATOR_MADE.get(secret).contains(key);
        }
        return command(secret).map(c -> c.keys().contains(key)).orElse(false);
    }
}
