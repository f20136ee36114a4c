package dev.sightline.partnership;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/** Request bodies and database look-ups the partnership-service tests share. */
public final class Fixtures {
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private Fixtures() {
    }

    /** A fresh reference such as PRT-2026-12345. */
    public static String reference() {
        return "PRT-T" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase() + "-" + SEQUENCE.incrementAndGet();
    }

    public static String partnerBody(String legalName, String country) {
        return """
                {"legalName": "%s", "countryOfIncorporation": "%s", "headquartersCountry": "%s",
                 "parentGroup": "Nimbus Holdings", "nationalSecurityAccess": true}
                """.formatted(legalName, country, country);
    }

    /** Registers a partner (the caller must be a partnership-manager) and returns its id. */
    public static String createPartner(String country) {
        return given().contentType(ContentType.JSON)
                .body(partnerBody("Partner " + UUID.randomUUID(), country))
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
    }

    /**
     * A partnership that can go ACTIVE: German market, voice and text processed on the device or in the partner's
     * cloud in DE and CN, the EU → CN flow under SCCs with an approved transfer impact assessment.
     */
    public static String activatable(String reference, String partnerId) {
        return """
                {"reference": "%s", "title": "Nimbus-LM voice assistance in Germany",
                 "description": "Partner model answers voice queries.", "owner": "ai-partnerships@example.com",
                 "effectiveFrom": "2025-01-01", "effectiveTo": null, "partnerId": "%s",
                 "aiSystems": [{"name": "Nimbus-LM", "provider": "Nimbus", "version": "4.2", "riskClass": "LIMITED",
                                "generalPurpose": true}],
                 "features": [{"key": "voice-assistant", "name": "Voice assistant", "purpose": "Answer spoken questions"}],
                 "markets": ["DE"],
                 "dataPolicy": {"allowedCategories": ["user.content.voice", "user.content.text"],
                                "forbiddenCategories": ["user.biometric"], "allowedModes": ["ON_DEVICE", "PARTNER_CLOUD"],
                                "allowedCountries": ["DE", "CN"], "allowedPurposes": ["voice-assistance"],
                                "retentionDays": 30, "sensitiveAllowed": false},
                 "transfers": [{"fromRegion": "EU", "toCountry": "CN", "mechanism": "EU_SCC", "reference": "SCC-1"}],
                 "legalBases": [{"jurisdiction": "EU", "basis": "GDPR Art. 6(1)(a) consent"}],
                 "assessments": [{"type": "TIA", "status": "APPROVED", "date": "2025-01-01", "reviewer": "dpo",
                                  "approver": "ciso", "nextReview": "2099-01-01"}],
                 "filings": [{"type": "EU_AI_DATABASE_REGISTRATION", "number": "EUDB-1", "date": "2025-01-01"}],
                 "publicCommitments": ["Voice recordings are deleted after 30 days"]}
                """.formatted(reference, partnerId);
    }

    /** Creates an activatable partnership in DRAFT (as a partnership-manager) and returns its id. */
    public static String createPartnership(String partnerId) {
        return given().contentType(ContentType.JSON).body(activatable(reference(), partnerId))
                .post("/api/v1/partnerships").then().statusCode(201).extract().path("id");
    }

    public static void transition(String id, String to) {
        given().contentType(ContentType.JSON).body("{\"to\": \"" + to + "\", \"reason\": \"test\"}")
                .post("/api/v1/partnerships/" + id + "/transitions").then().statusCode(200);
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("sightline.test.db.url", String.class),
                config.getValue("sightline.test.db.user", String.class),
                config.getOptionalValue("sightline.test.db.password", String.class).orElse(""));
    }

    public static long count(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of string columns. */
    public static List<List<String>> rows(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<List<String>> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rows.getString(c));
                    }
                    result.add(row);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows written by a request: partnerships, revisions and audit events. */
    public static long writtenRows() {
        return count("SELECT (SELECT count(*) FROM partnership.partnership) + (SELECT count(*) FROM "
                + "partnership.partnership_revision) + (SELECT count(*) FROM partnership.audit_outbox) + "
                + "(SELECT count(*) FROM partnership.partner)");
    }

    /** The audit events recorded about one partnership: action and actor id, oldest first. */
    public static List<List<String>> auditEvents(String partnershipId) {
        return rows("SELECT payload->>'action', payload->'actor'->>'id', payload->'actor'->>'type' "
                + "FROM partnership.audit_outbox WHERE partnership_id = ?::uuid ORDER BY position", partnershipId);
    }
}
