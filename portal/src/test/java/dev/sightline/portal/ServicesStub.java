package dev.sightline.portal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Stands in for the disclosure-service, the audit-service and the partnership-service (one server, the three
 * clients' URLs pointed at it), answering as the real services do for the demo's EU disclosure. Tests add or
 * change stubs through {@link #server}.
 */
public class ServicesStub implements QuarkusTestResourceLifecycleManager {
    public static final String EU_ID = "f2e6e3b9-bff5-3f29-bf0e-9019a1ecabc5";
    /** The disclosure the EU report names as its previous one. */
    public static final String PREVIOUS_ID = "a1caf235-1b58-3289-948e-95dccbfa7897";
    public static final String CN_ID = "5b0f2c4e-8d1a-4e3b-9c6d-7a8b9c0d1e2f";
    public static final String DIGEST = "7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4";
    public static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
    /** An Ed25519 public key (RFC 8037 appendix A) and its RFC 7638 thumbprint (appendix A.3). */
    public static final String KEY_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    public static final String KEY_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    public static final String NOTE = "sightline.example/audit-log\n4391\nrSk8EpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY=\n\n"
            + "\u2014 sightline.example/audit-log AAAAAAAA\n\u2014 witness.example/w1 BBBBBBBB\n";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        stubDefaults();
        String url = server.baseUrl();
        return Map.of("quarkus.rest-client.disclosure.url", url, "quarkus.rest-client.audit.url", url,
                "quarkus.rest-client.partnership.url", url);
    }

    /** Every stub back to the services' normal answers. */
    static void stubDefaults() {
        server.resetAll();
        String jwks = "{\"keys\": [{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"x\": \"" + KEY_X + "\", \"kid\": \""
                + KEY_THUMBPRINT + "\", \"alg\": \"EdDSA\", \"use\": \"sig\"}]}";
        server.stubFor(get(urlEqualTo("/api/v1/keys")).willReturn(json(jwks)));
        server.stubFor(get(urlEqualTo("/api/v1/checkpoints/latest")).willReturn(json("{\"size\": 4391, \"root\": "
                + "\"rSk8EpVXbB/FG8wYjdN5oYn9nPHkTMUvMIe8C+AZdkY=\", \"note\": " + quoted(NOTE) + ", \"keyId\": "
                + "\"0a0b0c0d\", \"time\": \"2026-07-01T00:00:01Z\", \"cosignatures\": [{\"witness\": "
                + "\"witness.example/w1\", \"keyName\": \"witness.example/w1\", \"keyId\": \"01020304\", "
                + "\"signature\": \"\u2014 witness.example/w1 BBBBBBBB\", \"time\": \"2026-07-01T00:00:02Z\"}]}")));
        server.stubFor(get(urlEqualTo("/api/v1/checkpoint")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody(NOTE)));
        server.stubFor(get(urlPathEqualTo("/api/v1/disclosures")).willReturn(json("{\"items\": ["
                + metadata(EU_ID, "EU", "PUBLISHED", "CURRENT", true, "alice", "bob") + ", "
                + metadata("a1caf235-1b58-3289-948e-95dccbfa7897", "EU", "SUPERSEDED", "SUPERSEDED", false, "alice",
                        "bob") + "], \"next\": null}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/public/disclosures")).willReturn(json("{\"items\": ["
                + published(PREVIOUS_ID, "EU", 1, "SUPERSEDED", 4000) + ", " + published(EU_ID, "EU", 2, "CURRENT", 4391)
                + ", " + published(CN_ID, "CN", 1, "CURRENT", 4391) + "], \"next\": null}")));
        server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + EU_ID + "/metadata")).willReturn(json(
                metadata(EU_ID, "EU", "PUBLISHED", "CURRENT", true, "alice", "bob"))));
        server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + PREVIOUS_ID + "/metadata")).willReturn(json(
                metadata(PREVIOUS_ID, "EU", "PUBLISHED", "OVERLAPPED", false, "alice", "bob"))));
        server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + EU_ID + "/report.json")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Content-Disposition", "attachment; filename=\"disclosure-EU.json\"")
                .withBody(resource("stub/EU.published.json"))));
        server.stubFor(get(urlEqualTo("/api/v1/disclosures/" + EU_ID + "/report.pdf")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/pdf")
                .withHeader("Content-Disposition", "attachment; filename=\"disclosure-EU.pdf\"")
                .withBody(new byte[] { '%', 'P', 'D', 'F', '-', '1', '.', '7', 0, (byte) 0xff })));
        String notFound = "{\"type\": \"about:blank\", \"title\": \"Not Found\", \"status\": 404, \"detail\": "
                + "\"No disclosure " + UNKNOWN_ID + "\"}";
        server.stubFor(get(urlPathEqualTo("/api/v1/disclosures/" + UNKNOWN_ID + "/metadata")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json").withBody(notFound)));
    }

    /** The jurisdictions' reporting time zones, as the disclosure-service names them. */
    static final Map<String, String> ZONES = Map.of("EU", "Europe/Brussels", "CN", "Asia/Shanghai");

    static String metadata(String id, String jurisdiction, String status, String standing, boolean current,
            String author, String publisher) {
        boolean published = !"DRAFT".equals(status);
        return "{\"id\": \"" + id + "\", \"jurisdiction\": \"" + jurisdiction + "\", \"periodStart\": "
                + "\"2026-01-01T00:00:00Z\", \"periodEnd\": \"2026-07-01T00:00:00Z\", \"reportingTimeZone\": \""
                + ZONES.get(jurisdiction) + "\", \"status\": \"" + status
                + "\", \"version\": 2, \"template\": \"EU 2026.2\", \"ruleSet\": \"2026.1\", \"partnershipIds\": [], "
                + "\"checkpointSize\": 4391, \"digest\": \"7b6ba1088db78302826274fba4f92f491c923c2a8d891a94c7ceceb2e92ba1e4\", "
                + "\"keyId\": " + (published ? "\"" + KEY_THUMBPRINT + "\"" : "null") + ", \"authoredBy\": \"" + author
                + "\", \"createdAt\": \"2026-07-02T10:11:12Z\", \"publishedBy\": "
                + (published ? "\"" + publisher + "\"" : "null") + ", \"publishedAt\": "
                + (published ? "\"2026-07-03T08:00:00.100Z\"" : "null") + ", \"standing\": \"" + standing
                + "\", \"current\": " + current + ", \"overlaps\": []}";
    }

    /** A published disclosure's public metadata (disclosure-service {@code PublicDisclosure}). */
    static String published(String id, String jurisdiction, int version, String standing, long checkpointSize) {
        return "{\"id\": \"" + id + "\", \"jurisdiction\": \"" + jurisdiction + "\", \"periodStart\": "
                + "\"2026-01-01T00:00:00Z\", \"periodEnd\": \"2026-07-01T00:00:00Z\", \"reportingTimeZone\": \""
                + ZONES.get(jurisdiction) + "\", \"version\": " + version
                + ", \"standing\": \"" + standing + "\", \"publishedAt\": \"2026-07-03T08:00:00.100Z\", \"digest\": \""
                + DIGEST + "\", \"keyId\": \"" + KEY_THUMBPRINT + "\", \"checkpointSize\": " + checkpointSize + "}";
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    static byte[] resource(String name) {
        try (InputStream in = ServicesStub.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
