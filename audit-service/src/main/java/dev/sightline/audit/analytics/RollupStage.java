package dev.sightline.audit.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.audit.analytics.rest.dto.StatsView.Activity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.roaringbitmap.RoaringBitmap;

/**
 * The worker's first stage: per partnership, UTC day, activity and dimension value the events, records and the exact
 * set of subjects (Roaring bitmap of subject ids), daily and monthly; and the authority-request register. Needs
 * nothing but the log. Runs inside the worker's transaction, under its lock.
 */
@ApplicationScoped
class RollupStage {
    static final String NONE = "";

    record RollupKey(UUID partnership, LocalDate day, Activity activity, String dim, String value) {
    }

    static final class Acc {
        long events;
        long records;
        final RoaringBitmap subjects = new RoaringBitmap();
    }

    /** A row of the authority-request register. */
    record AuthorityRow(EntryFacts entry, String name, String country, String legalInstrument, String disposition) {
    }

    private final ObjectMapper json;
    private final Quarantine quarantine;

    RollupStage(ObjectMapper json, Quarantine quarantine) {
        this.json = json;
        this.quarantine = quarantine;
    }

    /**
     * Adds the entries with seq in [from, to) to the rollups and the register; an entry that cannot be derived is
     * quarantined and counted nowhere.
     */
    void run(Connection c, long from, long to) throws SQLException {
        Map<RollupKey, Acc> rollup = new HashMap<>();
        for (long next = from; next < to;) {
            EntryFacts.Page page = EntryFacts.page(c, next, to, quarantine, AnalyticsWorker.ROLLUP);
            if (page.end() == next) {
                throw new IllegalStateException("entries [" + next + ", " + to + ") are missing");
            }
            Map<String, Integer> ids = SubjectIds.resolve(c, EntryFacts.refs(page.entries()), true);
            List<AuthorityRow> requests = new ArrayList<>();
            for (EntryFacts entry : page.entries()) {
                try {
                    AuthorityRow request = authorityRequest(entry);
                    List<String[]> dims = dimensions(entry);
                    addToRollup(rollup, entry, dims, ids);
                    if (request != null) {
                        requests.add(request);
                    }
                } catch (RuntimeException e) {
                    quarantine.add(c, entry.seq(), AnalyticsWorker.ROLLUP, e);
                }
            }
            registerAuthorityRequests(c, requests);
            next = page.end();
        }
        mergeRollup(c, rollup);
    }

    /** The (dimension, value) pairs an entry counts under; ("*", "*") is the total. */
    static List<String[]> dimensions(EntryFacts entry) {
        List<String[]> dims = new ArrayList<>(9 + entry.categories().size());
        dims.add(new String[] { "*", "*" });
        for (String category : new LinkedHashSet<>(entry.categories())) {
            dims.add(new String[] { "category", category });
        }
        dims.add(new String[] { "mode", entry.mode() });
        dims.add(new String[] { "country", entry.country() });
        dims.add(new String[] { "purpose", entry.purpose() });
        dims.add(new String[] { "outcome", entry.outcome() });
        dims.add(new String[] { "action", entry.action() });
        dims.add(new String[] { "feature", entry.feature() == null ? NONE : entry.feature() });
        dims.add(new String[] { "subjectRegion", entry.subjectRegion() == null ? NONE : entry.subjectRegion() });
        return dims;
    }

    /** User-data access when the entry names a data category, governance activity when it names none. */
    static Activity activity(EntryFacts entry) {
        return entry.touchesUserData() ? Activity.ACCESS : Activity.GOVERNANCE;
    }

    static void addToRollup(Map<RollupKey, Acc> rollup, EntryFacts entry, Map<String, Integer> ids) {
        addToRollup(rollup, entry, dimensions(entry), ids);
    }

    private static void addToRollup(Map<RollupKey, Acc> rollup, EntryFacts entry, List<String[]> dims,
            Map<String, Integer> ids) {
        Integer subject = entry.subjectRef() == null ? null : ids.get(entry.subjectRef());
        Activity activity = activity(entry);
        for (String[] dim : dims) {
            Acc acc = rollup.computeIfAbsent(new RollupKey(entry.partnershipId(), entry.day(), activity, dim[0],
                    dim[1]), k -> new Acc());
            acc.events++;
            acc.records += entry.recordCount();
            if (subject != null) {
                acc.subjects.add(subject);
            }
        }
    }

    /** The register row of an authority request, null for other entries; an exception when its JSON is unreadable. */
    private AuthorityRow authorityRequest(EntryFacts entry) {
        if (entry.entry() == null) {
            return null;
        }
        JsonNode authority;
        try {
            authority = json.readTree(entry.entry()).path("authority");
        } catch (IOException e) {
            throw new IllegalStateException("entry " + entry.seq() + " is not JSON", e);
        }
        if (!authority.isObject()) {
            throw new IllegalStateException("entry " + entry.seq() + " is an authority request without an authority");
        }
        return new AuthorityRow(entry, authority.path("name").asText(), authority.path("country").asText(),
                authority.path("legalInstrument").asText(), authority.path("disposition").asText());
    }

    private static void registerAuthorityRequests(Connection c, List<AuthorityRow> requests) throws SQLException {
        if (requests.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO authority_request (seq, partnership_id, "
                + "occurred_at, authority_name, authority_country, legal_instrument, disposition) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING")) {
            for (AuthorityRow request : requests) {
                insert.setLong(1, request.entry().seq());
                insert.setObject(2, request.entry().partnershipId());
                insert.setObject(3, request.entry().occurredAt().atOffset(ZoneOffset.UTC));
                insert.setString(4, request.name());
                insert.setString(5, request.country());
                insert.setString(6, request.legalInstrument());
                insert.setString(7, request.disposition());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Adds a step's per-day figures to the daily rows and to the monthly rows of their months. */
    private static void mergeRollup(Connection c, Map<RollupKey, Acc> rollup) throws SQLException {
        Map<RollupKey, Acc> months = new HashMap<>();
        rollup.forEach((k, v) -> {
            Acc month = months.computeIfAbsent(new RollupKey(k.partnership(), k.day().withDayOfMonth(1),
                    k.activity(), k.dim(), k.value()), x -> new Acc());
            month.events += v.events;
            month.records += v.records;
            month.subjects.or(v.subjects);
        });
        mergeRollup(c, "stats_rollup", rollup);
        mergeRollup(c, "stats_rollup_month", months);
    }

    private static void mergeRollup(Connection c, String table, Map<RollupKey, Acc> rollup) throws SQLException {
        if (rollup.isEmpty()) {
            return;
        }
        Set<List<Object>> days = new HashSet<>();
        rollup.keySet().forEach(k -> days.add(List.of(k.partnership(), k.day())));
        List<UUID> partnerships = new ArrayList<>();
        List<LocalDate> dayList = new ArrayList<>();
        days.forEach(d -> {
            partnerships.add((UUID) d.get(0));
            dayList.add((LocalDate) d.get(1));
        });
        try (PreparedStatement select = c.prepareStatement("SELECT partnership_id, day, activity, dim, value, events, "
                + "records, subjects FROM " + table + " WHERE (partnership_id, day) IN "
                + "(SELECT * FROM unnest(?::uuid[], ?::date[]))")) {
            select.setArray(1, c.createArrayOf("uuid", partnerships.toArray()));
            select.setArray(2, c.createArrayOf("date", dayList.stream().map(LocalDate::toString).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Acc acc = rollup.get(new RollupKey(rows.getObject(1, UUID.class), rows.getObject(2, LocalDate.class),
                            Activity.valueOf(rows.getString(3)), rows.getString(4), rows.getString(5)));
                    if (acc != null) {
                        acc.events += rows.getLong(6);
                        acc.records += rows.getLong(7);
                        Bitmaps.orInto(acc.subjects, rows.getBytes(8));
                    }
                }
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + table + " (partnership_id, day, activity, "
                + "dim, value, events, records, subjects) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (partnership_id, day, activity, dim, value) DO UPDATE SET events = excluded.events, "
                + "records = excluded.records, subjects = excluded.subjects")) {
            int batched = 0;
            for (Map.Entry<RollupKey, Acc> e : rollup.entrySet()) {
                upsert.setObject(1, e.getKey().partnership());
                upsert.setObject(2, e.getKey().day());
                upsert.setString(3, e.getKey().activity().name());
                upsert.setString(4, e.getKey().dim());
                upsert.setString(5, e.getKey().value());
                upsert.setLong(6, e.getValue().events);
                upsert.setLong(7, e.getValue().records);
                upsert.setBytes(8, Bitmaps.serialize(e.getValue().subjects));
                upsert.addBatch();
                if (++batched % 1000 == 0) {
                    upsert.executeBatch();
                }
            }
            upsert.executeBatch();
        }
    }
}
