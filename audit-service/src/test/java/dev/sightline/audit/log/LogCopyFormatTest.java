package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.audit.log.EntryFactory.PreparedEntry;
import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.LogVocabulary.ActorType;
import dev.sightline.audit.log.LogVocabulary.Outcome;
import dev.sightline.audit.log.LogVocabulary.ProcessingMode;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.support.test.TestDatabase;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The COPY rows carry any text, also what the event's patterns refuse today ({@code NULL} as a data category,
 * quotes, braces and commas in keys): each value is read back by PostgreSQL exactly as it was, through a table
 * shaped like {@code log_entry}.
 */
class LogCopyFormatTest {
    @Test
    void postgresReadsBackEveryValueOfEveryTextColumn() throws Exception {
        List<String> texts = new ArrayList<>(StoredColumnsTest.AWKWARD);
        texts.add("");
        List<EventRequest> events = new ArrayList<>();
        for (String text : texts) {
            events.add(new EventRequest(UUID.randomUUID(), Instant.parse("2026-11-29T10:15:30.123456Z"),
                    UUID.randomUUID(), new EventRequest.Actor(ActorType.PARTNER_SYSTEM, text), Action.INFERENCE, text,
                    List.of(text, "NULL", "null", "a,b", "{x}", "q\"uote", "back\\slash", "", " sp "), 7L, text,
                    new EventRequest.Processing(ProcessingMode.ON_DEVICE, "DE"), text, Outcome.ALLOWED, null,
                    new EventRequest.Model(text, text), "US", text));
        }
        List<PreparedEntry> prepared = EntryFactory.prepareAll(events, Instant.parse("2026-11-29T10:15:31Z"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < prepared.size(); i++) {
            LogCopyFormat.appendRow(rows, i, prepared.get(i));
        }
        try (Connection c = TestDatabase.shared().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copied (seq bigint, event_id uuid, partnership_id uuid, occurred_at "
                    + "timestamptz, received_at timestamptz, actor_type text, actor_id text, action text, feature text, "
                    + "data_categories text[], record_count bigint, subject_ref text, processing_mode text, "
                    + "processing_country char(2), purpose text, outcome text, model_name text, model_version text, "
                    + "access_country char(2), subject_region text, entry text, leaf_hash bytea)");
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copied " + LogCopyFormat.COLUMNS + " FROM STDIN",
                    new StringReader(rows.toString()));
            try (ResultSet row = s.executeQuery("SELECT * FROM copied ORDER BY seq")) {
                for (int i = 0; i < events.size(); i++) {
                    assertTrue(row.next());
                    EventRequest e = events.get(i);
                    String at = "row " + i + " ";
                    assertEquals(e.actor().id(), row.getString("actor_id"), at + "actor_id");
                    assertEquals(e.feature(), row.getString("feature"), at + "feature");
                    assertEquals(e.dataCategories(), Arrays.asList((String[]) row.getArray("data_categories").getArray()),
                            at + "data_categories");
                    assertEquals(e.subjectRef(), row.getString("subject_ref"), at + "subject_ref");
                    assertEquals(e.purpose(), row.getString("purpose"), at + "purpose");
                    assertEquals(e.model().name(), row.getString("model_name"), at + "model_name");
                    assertEquals(e.model().version(), row.getString("model_version"), at + "model_version");
                    assertEquals("US", row.getString("access_country"), at + "access_country");
                    assertEquals(e.subjectRegion(), row.getString("subject_region"), at + "subject_region");
                    assertEquals(new String(prepared.get(i).entry(), StandardCharsets.UTF_8), row.getString("entry"),
                            at + "entry");
                    assertEquals(Arrays.toString(prepared.get(i).leafHash()), Arrays.toString(row.getBytes("leaf_hash")),
                            at + "leaf_hash");
                }
            }
        }
    }
}
