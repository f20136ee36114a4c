package dev.sightline.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service reads from its environment, taken from its application.properties: the HTTP port, the port of
 * its management interface (metrics), and every {@code ${VAR}} / {@code ${VAR:default}} of the production profile (dev and test lines are skipped).
 */
record ServiceConfig(String name, boolean stateless, int port, int managementPort, Map<String, Boolean> variables) {
    /** The three services; the audit-service writes the log's derived state through one leader replica. */
    static final Map<String, Boolean> SERVICES = Map.of(
            "partnership-service", true,
            "audit-service", false,
            "disclosure-service", true);

    /** Variables that production must set even though the code has a (local) default. */
    private static final Pattern PRODUCTION_ESSENTIAL =
            Pattern.compile("DB_.*|KEYCLOAK_URL|.*_URL|OIDC_CLIENT_SECRET|.*_KEY_FILE");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");

    static ServiceConfig of(String name) {
        Path file = Repo.ROOT.resolve(name).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Boolean> variables = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher m = VARIABLE.matcher(properties.getProperty(key));
            while (m.find()) {
                variables.merge(m.group(1), !m.group(2).isEmpty(), Boolean::logicalAnd);
            }
        }
        String port = properties.getProperty("%prod.quarkus.http.port", properties.getProperty("quarkus.http.port"));
        if (port == null) {
            throw new IllegalStateException(file + " sets no quarkus.http.port");
        }
        String management = properties.getProperty("%prod.quarkus.management.port",
                properties.getProperty("quarkus.management.port"));
        if (management == null) {
            throw new IllegalStateException(file + " sets no quarkus.management.port");
        }
        return new ServiceConfig(name, SERVICES.getOrDefault(name, false), Integer.parseInt(port.strip()),
                Integer.parseInt(management.strip()), variables);
    }

    /** Variables production must provide: those without a default, and the connections and secrets. */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        variables.forEach((variable, hasDefault) -> {
            if (!hasDefault || PRODUCTION_ESSENTIAL.matcher(variable).matches()) {
                required.add(variable);
            }
        });
        return required;
    }

    @Override
    public String toString() {
        return name;
    }
}
