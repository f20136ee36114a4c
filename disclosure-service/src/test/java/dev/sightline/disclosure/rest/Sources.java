package dev.sightline.disclosure.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * What the two sources answer, built like the real services would: partnership records and, for the audit-service,
 * a real Merkle log of 200 leaves with checkpoints signed by a real note key, so the attestation in a generated
 * report verifies like one from production.
 */
final class Sources {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORIGIN = "sightline.example/audit-log";
    static final NoteSigner LOG_KEY = NoteSigner.generate(ORIGIN);
    private static final List<byte[]> LEAVES = new ArrayList<>();
    private static int size = 10;

    static {
        for (int i = 0; i < 200; i++) {
            LEAVES.add(Merkle.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final WireMockServer server;

    Sources(WireMockServer server) {
        this.server = server;
    }

    /** The log grows between generations, as it does in production. */
    static synchronized int grow() {
        size += 3;
        return size;
    }

    static String root(int size) {
        return Base64.getEncoder().encodeToString(Merkle.rootOf(LEAVES.subList(0, size)));
    }

    /** The audit-service's key set: JWK plus the note verifier key. */
    static String logKeys() {
        ObjectNode keys = JSON.createObjectNode();
        ObjectNode key = keys.putArray("keys").addObject();
        LOG_KEY.verifier().jwk().toMap().forEach(key::put);
        key.put("status", "ACTIVE").put("noteKey", LOG_KEY.verifier().encoded());
        return keys.toString();
    }

    static ObjectNode partnership(UUID id, UUID partnerId, String reference, String... markets) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id.toString()).put("reference", reference).put("title", "Assistant, typing and translation")
                .put("description", "Language model for the assistant").put("owner", "alice")
                .put("effectiveFrom", "2026-01-01").putNull("effectiveTo").put("partnerId", partnerId.toString())
                .put("status", "ACTIVE");
        p.putArray("aiSystems").addObject().put("name", "Nimbus-LM").put("provider", "Nimbus Cloud Intelligence")
                .put("version", "4.2").put("riskClass", "LIMITED").put("generalPurpose", true);
        ArrayNode features = p.putArray("features");
        features.addObject().put("key", "assistant").put("name", "Voice assistant").put("purpose", "Answer questions");
        features.addObject().put("key", "predictive-typing").put("name", "Predictive typing").put("purpose", "Suggest");
        ArrayNode m = p.putArray("markets");
        for (String market : markets) {
            m.add(market);
        }
        ObjectNode policy = p.putObject("dataPolicy");
        policy.putArray("allowedCategories").add("user.content.text").add("user.content.voice");
        policy.putArray("forbiddenCategories").add("user.biometric");
        policy.putArray("allowedModes").add("ON_DEVICE");
        policy.putArray("allowedCountries").add("DE");
        policy.putArray("allowedPurposes").add("voice-assistance");
        policy.put("retentionDays", 30).put("sensitiveAllowed", false);
        p.putArray("transfers").addObject().put("toCountry", "CN").put("mechanism", "EU_SCC").put("reference", "SCC-1");
        ArrayNode bases = p.putArray("legalBases");
        bases.addObject().put("jurisdiction", "EU").put("basis", "GDPR Art. 6(1)(a) consent").putNull("notes");
        bases.addObject().put("jurisdiction", "CN").put("basis", "PIPL Art. 13(1) consent").putNull("notes");
        ArrayNode assessments = p.putArray("assessments");
        assessments.addObject().put("type", "DPIA").put("status", "APPROVED").put("date", "2026-01-10")
                .put("reviewer", "dpo@example.com");
        assessments.addObject().put("type", "PIPL_PIPIA").put("status", "APPROVED").put("date", "2026-01-12");
        assessments.addObject().put("type", "CCPA_RISK").put("status", "APPROVED").put("date", "2026-01-14")
                .put("reviewer", "privacy@example.com");
        ArrayNode filings = p.putArray("filings");
        filings.addObject().put("type", "CAC_ALGORITHM_FILING").put("number", "CAC-ALG-2026-0001").put("date", "2026-01-20");
        filings.addObject().put("type", "EU_AI_DATABASE_REGISTRATION").put("number", "EU-AI-42");
        p.putArray("publicCommitments").add("No voice recording leaves the device in the EU");
        p.put("revision", 4).put("createdAt", "2025-12-01T00:00:00Z").put("createdBy", "alice");
        return p;
    }

    /**
     * A partnership recorded in Chinese: its title, features, AI system and CAC filing number
     * ({@code 网信算备110108000000001号}), for a partner whose name is Chinese ({@link #CHINESE_PARTNER}).
     */
    static ObjectNode chinesePartnership(UUID id, UUID partnerId, String reference, String... markets) {
        ObjectNode p = partnership(id, partnerId, reference, markets);
        p.put("title", "云端助手、智能输入与翻译合作");
        p.withArray("aiSystems").removeAll().addObject().put("name", "云雀大模型").put("provider", "羽笔云智能")
                .put("version", "4.2").put("riskClass", "LIMITED").put("generalPurpose", true);
        ArrayNode features = p.withArray("features").removeAll();
        features.addObject().put("key", "assistant").put("name", "语音助手").put("purpose", "回答用户提问");
        ArrayNode filings = p.withArray("filings").removeAll();
        filings.addObject().put("type", "CAC_ALGORITHM_FILING").put("number", "网信算备110108000000001号")
                .put("date", "2026-01-20");
        p.withArray("publicCommitments").removeAll().add("境外处理仅限新加坡，依据个人信息出境标准合同")
                .add("Outside mainland China, user data is processed only in Singapore");
        return p;
    }

    static final String CHINESE_PARTNER = "羽笔云智能科技有限公司";

    /** Stubs a partnership, its partner, its revisions (one transition to ACTIVE on 2026-02-01). */
    void stubPartnership(ObjectNode partnership) {
        stubPartnership(partnership, "Nimbus Cloud Intelligence Ltd. (fictional)");
    }

    /** The same, with the partner's legal name. */
    void stubPartnership(ObjectNode partnership, String partnerName) {
        String id = partnership.path("id").asText();
        String partnerId = partnership.path("partnerId").asText();
        json("/api/v1/partnerships/" + id, partnership.toString());
        ObjectNode partner = JSON.createObjectNode();
        partner.put("id", partnerId).put("legalName", partnerName)
                .put("countryOfIncorporation", "CN").put("headquartersCountry", "CN").putNull("parentGroup")
                .put("nationalSecurityAccess", true).put("coveredPerson", true);
        json("/api/v1/partners/" + partnerId, partner.toString());
        json("/api/v1/partnerships/" + id + "/revisions", "{\"items\": [{\"revision\": 1, \"validFrom\": "
                + "\"2025-12-01T00:00:00Z\", \"kind\": \"CREATED\"}, {\"revision\": 4, \"validFrom\": "
                + "\"2026-02-01T09:00:00Z\", \"kind\": \"TRANSITIONED\"}]}");
        json("/api/v1/partnerships/" + id + "/revisions/4", "{\"revision\": 4, \"partnership\": {\"lastTransition\": "
                + "{\"from\": \"APPROVED\", \"to\": \"ACTIVE\", \"actor\": \"bob\", \"reason\": \"Go live\", "
                + "\"at\": \"2026-02-01T09:00:00Z\"}}}");
    }

    void stubList(ObjectNode... partnerships) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (ObjectNode p : partnerships) {
            items.addObject().put("id", p.path("id").asText());
        }
        json("/api/v1/partnerships", page.toString());
    }

    /** The figures, the checkpoint and every consistency proof into it, at a log of {@code size} entries. */
    void stubAudit(int size, String from, String to, ObjectNode... partnerships) {
        ObjectNode figures = JSON.createObjectNode();
        figures.put("from", from).put("to", to).put("ruleSetVersion", "2026.1");
        figures.putObject("checkpoint").put("size", size).put("root", root(size));
        ArrayNode items = figures.putArray("partnerships");
        int n = 1;
        for (ObjectNode p : partnerships) {
            items.add(figuresOf(p.path("id").asText(), n++));
        }
        ObjectNode authority = figures.putObject("authorityRequests");
        authority.put("total", 3);
        authority.putArray("byCountry").addObject().put("value", "CN").put("count", 2);
        authority.withArray("byCountry").addObject().put("value", "US").put("count", 1);
        authority.putArray("byLegalInstrument").addObject().put("value", "Data Security Law Art. 35").put("count", 3);
        authority.putArray("byDisposition").addObject().put("value", "REJECTED").put("count", 3);
        json("/api/v1/figures", figures.toString());
        json("/api/v1/keys", logKeys());
        String note = new Checkpoint(ORIGIN, size, Merkle.rootOf(LEAVES.subList(0, size))).sign(LOG_KEY);
        server.stubFor(get(urlPathEqualTo("/api/v1/checkpoints")).withQueryParam("size",
                WireMock.equalTo(Integer.toString(size)))
                .willReturn(ok(JSON.createArrayNode().add(JSON.createObjectNode().put("size", size)
                        .put("root", root(size)).put("note", note).put("keyId", LOG_KEY.verifier().keyIdHex()))
                        .toString())));
        for (int old = 1; old < size; old++) {
            ArrayNode path = JSON.createArrayNode();
            MerkleProofs.consistencyProof(old, size, (s, e) -> Merkle.rootOf(LEAVES.subList((int) s, (int) e)))
                    .forEach(h -> path.add(Base64.getEncoder().encodeToString(h)));
            server.stubFor(get(urlPathEqualTo("/api/v1/proofs/consistency"))
                    .withQueryParam("from", WireMock.equalTo(Integer.toString(old)))
                    .withQueryParam("to", WireMock.equalTo(Integer.toString(size)))
                    .willReturn(ok("{\"from\": " + old + ", \"to\": " + size + ", \"path\": " + path + "}")));
        }
    }

    /** Distinct, recognisable figures per partnership: n = 1, 2, ... scales them. */
    private static ObjectNode figuresOf(String id, int n) {
        ObjectNode p = JSON.createObjectNode();
        p.put("partnershipId", id);
        ObjectNode stats = p.putObject("stats");
        stats.putObject("totals").putNull("value").put("events", 1200 * n).put("records", 1350 * n)
                .put("subjects", 410 * n);
        ArrayNode breakdowns = stats.putArray("breakdowns");
        String[][] dims = { { "category", "user.content.text", "user.content.voice" }, { "mode", "ON_DEVICE",
            "PARTNER_CLOUD" }, { "country", "CN", "DE" }, { "purpose", "translation", "voice-assistance" },
            { "outcome", "ALLOWED", "DENIED" }, { "action", "AUTHORITY_REQUEST", "INFERENCE" },
            { "feature", "assistant", "predictive-typing" } };
        for (String[] dim : dims) {
            ObjectNode b = breakdowns.addObject().put("dimension", dim[0]);
            ArrayNode groups = b.putArray("groups");
            groups.addObject().put("value", dim[1]).put("events", 7 * n).put("records", 8 * n).put("subjects", 5 * n);
            groups.addObject().put("value", dim[2]).put("events", 1193 * n).put("records", 1342 * n)
                    .put("subjects", 409 * n);
        }
        ObjectNode governance = p.putObject("governance");
        governance.putObject("totals").putNull("value").put("events", 9 * n).put("records", 9 * n).put("subjects", 0);
        governance.putArray("breakdowns").addObject().put("dimension", "action").putArray("groups").addObject()
                .put("value", "READ").put("events", 9 * n).put("records", 9 * n).put("subjects", 0);
        p.put("unclassified", 0);
        // as the audit-service answers: first and last occurrence, and the latest remediation an auditor recorded
        ArrayNode violations = p.putArray("violations");
        violations.addObject().put("kind", "COUNTRY_NOT_ALLOWED").put("count", 2 * n)
                .put("firstAt", "2026-03-02T08:15:00Z").put("lastAt", "2026-05-30T17:40:12.250Z")
                .putObject("remediation").put("status", "REMEDIATED")
                .put("text", "Routing fixed: no request leaves for an unlisted country since 2026-06-01")
                .put("recordedBy", "ivan").put("recordedAt", "2026-06-03T09:00:00Z");
        violations.addObject().put("kind", "MODE_NOT_ALLOWED").put("count", 5 * n)
                .put("firstAt", "2026-04-11T10:00:00Z").put("lastAt", "2026-06-29T23:59:59Z").putNull("remediation");
        p.put("pendingVerdicts", 0);
        ObjectNode thresholds = p.putObject("thresholds");
        ArrayNode results = thresholds.putArray("results");
        results.addObject().put("regime", "CN_CROSS_BORDER_PROVISION").put("citation", "CAC 2024 Art. 8")
                .put("category", "SENSITIVE").put("aggregation", "EXPORTER").putNull("counterparty").put("windowFrom", "2026-01-01T00:00:00Z")
                .put("windowTo", "2026-07-01T00:00:00Z").put("count", 8000 * n).put("partnershipCount", 8000 * n)
                .put("inferredFromMarkets", 40 * n).put("comparator", "≥").put("threshold", 10000)
                .put("consequence", "SECURITY_ASSESSMENT")
                .put("source", "Provisions on Promoting and Regulating Cross-Border Data Flows (CAC, 2024), Art. 7(2)")
                .put("ratio", 0.8 * n).put("status", n == 1 ? "NEAR" : "EXCEEDED");
        ((ObjectNode) results.get(0)).putArray("coveredBy").add("CN_SECURITY_ASSESSMENT");
        results.addObject().put("regime", "US_BULK_SENSITIVE_DATA").put("citation", "28 CFR 202.205")
                .put("category", "PRECISE_GEOLOCATION").put("counterparty", UUID.nameUUIDFromBytes(id.getBytes()).toString())
                .put("windowFrom", "2025-07-01T00:00:00Z").put("windowTo", "2026-07-01T00:00:00Z").put("count", 12)
                .put("threshold", 1000).put("ratio", 0.012).put("status", "BELOW");
        return p;
    }

    private void json(String path, String body) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(ok(body)));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
