package dev.sightline.support.test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared test PostgreSQL behind a {@link FreezableProxy}, closed when the service starts: the service must come
 * up without its database. Tests reach the proxy through {@link #proxy()}; {@code sightline.test.db.url} still
 * points at PostgreSQL itself.
 */
public class ProxiedPostgresResource extends PostgresTestResource {
    private static volatile FreezableProxy proxy;

    public static FreezableProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String direct = config.get("quarkus.datasource.jdbc.url");
        URI target = URI.create(direct.substring("jdbc:".length()));
        proxy = new FreezableProxy(target.getHost(), target.getPort());
        config.put("quarkus.datasource.jdbc.url", direct.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
        return config;
    }
}
