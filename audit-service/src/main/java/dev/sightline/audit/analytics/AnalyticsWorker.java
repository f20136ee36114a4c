package dev.sightline.audit.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.audit.analytics.PolicyCache.Known;
import dev.sightline.audit.analytics.PolicyCache.Resolution;
import dev.sightline.audit.analytics.PolicyCache.Unavailable;
import dev.sightline.audit.analytics.PolicyCache.UnknownPartnership;
import dev.sightline.audit.analytics.VerdictRules.Violation;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * Derives everything the analytics endpoints read, from the log, in the background; ingestion never waits for
 * it. Two stages, each with its own cursor in {@code analytics_cursor}, each transaction ending exactly at the
 * size of a signed checkpoint so figures can cite one:
 * <ol>
 * <li>rollup: per partnership, UTC day and dimension value the events, records and the exact set of subjects
 * (Roaring bitmap of subject ids); the authority-request register. Needs nothing but the log.</li>
 * <li>verdict: judges each entry against the policy revision in force at its occurredAt (from the
 * partnership-service, cached by revision interval) and keeps the per-day exposure rollup the threshold rules
 * read. An entry whose policy cannot be had now is parked in {@code verdict_pending} and retried with backoff;
 * the cursor moves on, so one outage never stalls the rest.</li>
 * </ol>
 * Plain JDBC through the Agroal data source: bitmaps are merged in memory and written back in batches, which
 * Hibernate would only slow down. Only the replica holding the advisory lock works; a transaction that fails
 * leaves its cursor where it was, so nothing is lost or counted twice.
 */
@ApplicationScoped
public class AnalyticsWorker {
    static final long LOCK = 0x616e616c79L;
    private static final int PAGE = 10_000;
    static final String NONE = "";

    record RollupKey(UUID partnership, LocalDate day, String dim, String value) {
    }

    record ExposureKey(UUID partnership, UUID partner, boolean covered, String markets, LocalDate day,
            String category, String mode, String country) {
    }

    static final class Acc {
        long events;
        long records;
        final RoaringBitmap subjects = new RoaringBitmap();
    }

    private final AgroalDataSource dataSource;
    private final PolicyCache policies;
    private final AnalyticsConfig config;
    private final ObjectMapper json;

    AnalyticsWorker(AgroalDataSource dataSource, PolicyCache policies, AnalyticsConfig config, ObjectMapper json) {
        this.dataSource = dataSource;
        this.policies = policies;
        this.config = config;
        this.json = json;
    }

    @Scheduled(identity = "analytics-worker", every = "${sightline.analytics.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled()) {
            return;
        }
        try {
            runOnce();
        } catch (Exception e) {
            Log.warnf(e, "analytics worker: will try again");
        }
    }

    /** Catches up with the newest checkpoint and retries due pending verdicts. */
    public synchronized void runOnce() throws SQLException {
        while (step("rollup")) {
            // until caught up
        }
        while (step("verdict")) {
            // until caught up
        }
        retryPending();
    }

    /** Forgets every derived row; the worker then derives everything again from the log. */
    public void reset() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                s.execute("DELETE FROM stats_rollup");
                s.execute("DELETE FROM stats_rollup_month");
                s.execute("DELETE FROM exposure_rollup");
                s.execute("DELETE FROM exposure_rollup_month");
                s.execute("DELETE FROM violation");
                s.execute("DELETE FROM verdict_pending");
                s.execute("DELETE FROM authority_request");
                s.execute("DELETE FROM subject");
                s.execute("UPDATE analytics_cursor SET next_seq = 0");
            }
            c.commit();
        }
    }

    private boolean step(String stage) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return false;
                }
                long from = cursor(c, stage);
                Long limit = "verdict".equals(stage) ? cursor(c, "rollup") : null;
                Long to = target(c, from, limit);
                if (to == null) {
                    c.rollback();
                    return false;
                }
                long started = System.nanoTime();
                if ("rollup".equals(stage)) {
                    rollup(c, from, to);
                } else {
                    judge(c, from, to);
                }
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE analytics_cursor SET next_seq = ? WHERE stage = ?")) {
                    update.setLong(1, to);
                    update.setString(2, stage);
                    update.executeUpdate();
                }
                c.commit();
                Log.debugf("analytics %s: [%d, %d) in %d ms", stage, from, to, (System.nanoTime() - started) / 1_000_000);
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (var rows = c.createStatement().executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK + ")")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    static long cursor(Connection c, String stage) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT next_seq FROM analytics_cursor WHERE stage = ?")) {
            select.setString(1, stage);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The checkpoint size to stop at: the largest within a batch, or else the next one. */
    private Long target(Connection c, long from, Long limit) throws SQLException {
        long max = limit == null ? Long.MAX_VALUE : limit;
        try (PreparedStatement select = c.prepareStatement("SELECT coalesce("
                + "(SELECT max(tree_size) FROM checkpoint WHERE tree_size > ? AND tree_size <= least(?, ?)), "
                + "(SELECT min(tree_size) FROM checkpoint WHERE tree_size > ? AND tree_size <= ?))")) {
            select.setLong(1, from);
            select.setLong(2, from + config.batchSize());
            select.setLong(3, max);
            select.setLong(4, from);
            select.setLong(5, max);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long to = rows.getLong(1);
                return rows.wasNull() ? null : to;
            }
        }
    }

    static List<EntryFacts> page(Connection c, long from, long to) throws SQLException {
        List<EntryFacts> entries = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + EntryFacts.COLUMNS
                + " FROM log_entry WHERE seq >= ? AND seq < ? ORDER BY seq LIMIT " + PAGE)) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(EntryFacts.read(rows));
                }
            }
        }
        return entries;
    }

    // ---------------------------------------------------------------- rollup stage

    private void rollup(Connection c, long from, long to) throws SQLException {
        Map<RollupKey, Acc> rollup = new HashMap<>();
        for (long next = from; next < to;) {
            List<EntryFacts> entries = page(c, next, to);
            if (entries.isEmpty()) {
                throw new IllegalStateException("entries [" + next + ", " + to + ") are missing");
            }
            Map<String, Integer> ids = SubjectIds.resolve(c, refs(entries), true);
            for (EntryFacts entry : entries) {
                addToRollup(rollup, entry, ids);
            }
            registerAuthorityRequests(c, entries);
            next = entries.get(entries.size() - 1).seq() + 1;
        }
        mergeRollup(c, rollup);
    }

    static Set<String> refs(List<EntryFacts> entries) {
        Set<String> refs = new HashSet<>();
        for (EntryFacts entry : entries) {
            if (entry.subjectRef() != null) {
                refs.add(entry.subjectRef());
            }
        }
        return refs;
    }

    /** The (dimension, value) pairs an entry counts under; ("*", "*") is the total. */
    static List<String[]> dimensions(EntryFacts entry) {
        List<String[]> dims = new ArrayList<>(8 + entry.categories().size());
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
        return dims;
    }

    static void addToRollup(Map<RollupKey, Acc> rollup, EntryFacts entry, Map<String, Integer> ids) {
        Integer subject = entry.subjectRef() == null ? null : ids.get(entry.subjectRef());
        for (String[] dim : dimensions(entry)) {
            Acc acc = rollup.computeIfAbsent(new RollupKey(entry.partnershipId(), entry.day(), dim[0], dim[1]),
                    k -> new Acc());
            acc.events++;
            acc.records += entry.recordCount();
            if (subject != null) {
                acc.subjects.add(subject);
            }
        }
    }

    private void registerAuthorityRequests(Connection c, List<EntryFacts> entries) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO authority_request (seq, partnership_id, "
                + "occurred_at, authority_name, authority_country, legal_instrument, disposition) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING")) {
            int batched = 0;
            for (EntryFacts entry : entries) {
                if (entry.entry() == null) {
                    continue;
                }
                JsonNode authority;
                try {
                    authority = json.readTree(entry.entry()).path("authority");
                } catch (IOException e) {
                    throw new IllegalStateException("entry " + entry.seq() + " is not JSON", e);
                }
                if (authority.isMissingNode()) {
                    continue;
                }
                insert.setLong(1, entry.seq());
                insert.setObject(2, entry.partnershipId());
                insert.setObject(3, entry.occurredAt().atOffset(ZoneOffset.UTC));
                insert.setString(4, authority.path("name").asText());
                insert.setString(5, authority.path("country").asText());
                insert.setString(6, authority.path("legalInstrument").asText());
                insert.setString(7, authority.path("disposition").asText());
                insert.addBatch();
                batched++;
            }
            if (batched > 0) {
                insert.executeBatch();
            }
        }
    }

    /** Adds a step's per-day figures to the daily rows and to the monthly rows of their months. */
    private static void mergeRollup(Connection c, Map<RollupKey, Acc> rollup) throws SQLException {
        Map<RollupKey, Acc> months = new HashMap<>();
        rollup.forEach((k, v) -> {
            Acc month = months.computeIfAbsent(new RollupKey(k.partnership(), k.day().withDayOfMonth(1), k.dim(),
                    k.value()), x -> new Acc());
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
        try (PreparedStatement select = c.prepareStatement("SELECT partnership_id, day, dim, value, events, records, "
                + "subjects FROM " + table + " WHERE (partnership_id, day) IN "
                + "(SELECT * FROM unnest(?::uuid[], ?::date[]))")) {
            select.setArray(1, c.createArrayOf("uuid", partnerships.toArray()));
            select.setArray(2, c.createArrayOf("date", dayList.stream().map(LocalDate::toString).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Acc acc = rollup.get(new RollupKey(rows.getObject(1, UUID.class), rows.getObject(2, LocalDate.class),
                            rows.getString(3), rows.getString(4)));
                    if (acc != null) {
                        acc.events += rows.getLong(5);
                        acc.records += rows.getLong(6);
                        Bitmaps.orInto(acc.subjects, rows.getBytes(7));
                    }
                }
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + table + " (partnership_id, day, dim, value, "
                + "events, records, subjects) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partnership_id, day, dim, value) "
                + "DO UPDATE SET events = excluded.events, records = excluded.records, subjects = excluded.subjects")) {
            int batched = 0;
            for (Map.Entry<RollupKey, Acc> e : rollup.entrySet()) {
                upsert.setObject(1, e.getKey().partnership());
                upsert.setObject(2, e.getKey().day());
                upsert.setString(3, e.getKey().dim());
                upsert.setString(4, e.getKey().value());
                upsert.setLong(5, e.getValue().events);
                upsert.setLong(6, e.getValue().records);
                upsert.setBytes(7, Bitmaps.serialize(e.getValue().subjects));
                upsert.addBatch();
                if (++batched % 1000 == 0) {
                    upsert.executeBatch();
                }
            }
            upsert.executeBatch();
        }
    }

    // ---------------------------------------------------------------- verdict stage

    private void judge(Connection c, long from, long to) throws SQLException {
        Map<ExposureKey, RoaringBitmap> exposure = new HashMap<>();
        for (long next = from; next < to;) {
            List<EntryFacts> entries = page(c, next, to);
            if (entries.isEmpty()) {
                throw new IllegalStateException("entries [" + next + ", " + to + ") are missing");
            }
            judgeAll(c, entries, exposure, false);
            next = entries.get(entries.size() - 1).seq() + 1;
        }
        mergeExposure(c, exposure);
    }

    /** Judges the entries: violations written, exposure gathered, the unresolvable parked (or kept parked). */
    private void judgeAll(Connection c, List<EntryFacts> entries, Map<ExposureKey, RoaringBitmap> exposure,
            boolean retry) throws SQLException {
        Map<String, Integer> ids = SubjectIds.resolve(c, refs(entries), false);
        try (PreparedStatement violation = c.prepareStatement("INSERT INTO violation (seq, kind, detail, "
                + "partnership_id, occurred_at, policy_revision) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                PreparedStatement park = c.prepareStatement("INSERT INTO verdict_pending (seq, partnership_id, attempts, "
                        + "next_attempt_at, last_error) VALUES (?, ?, 1, ?, ?) ON CONFLICT (seq) DO UPDATE SET "
                        + "attempts = verdict_pending.attempts + 1, next_attempt_at = "
                        + "greatest(excluded.next_attempt_at, now() + least(? * power(2, verdict_pending.attempts), ?) "
                        + "* interval '1 millisecond'), last_error = excluded.last_error");
                PreparedStatement done = c.prepareStatement("DELETE FROM verdict_pending WHERE seq = ?")) {
            for (EntryFacts entry : entries) {
                if (!VerdictRules.needsPolicy(entry)) {
                    if (retry) {
                        done.setLong(1, entry.seq());
                        done.addBatch();
                    }
                    continue;
                }
                Resolution resolution = policies.resolve(entry.partnershipId(), entry.occurredAt());
                if (resolution instanceof Unavailable unavailable) {
                    Instant retryAt = unavailable.retryAfter() != null ? unavailable.retryAfter()
                            : Instant.now().plus(config.retryDelay());
                    park.setLong(1, entry.seq());
                    park.setObject(2, entry.partnershipId());
                    park.setObject(3, retryAt.atOffset(ZoneOffset.UTC));
                    park.setString(4, unavailable.reason());
                    park.setLong(5, config.retryDelay().toMillis());
                    park.setLong(6, config.maxRetryDelay().toMillis());
                    park.addBatch();
                    continue;
                }
                PolicyDocument policy = resolution instanceof Known known ? known.policy() : null;
                for (Violation v : VerdictRules.judge(entry, policy)) {
                    violation.setLong(1, entry.seq());
                    violation.setString(2, v.kind().name());
                    violation.setString(3, v.detail());
                    violation.setObject(4, entry.partnershipId());
                    violation.setObject(5, entry.occurredAt().atOffset(ZoneOffset.UTC));
                    violation.setObject(6, policy == null ? null : policy.revision());
                    violation.addBatch();
                }
                addExposure(exposure, entry, policy, ids);
                if (retry) {
                    done.setLong(1, entry.seq());
                    done.addBatch();
                }
            }
            violation.executeBatch();
            park.executeBatch();
            done.executeBatch();
        }
    }

    /** What the threshold rules count: allowed accesses to a subject's data, with the counterparty of the time. */
    static void addExposure(Map<ExposureKey, RoaringBitmap> exposure, EntryFacts entry, PolicyDocument policy,
            Map<String, Integer> ids) {
        if (policy == null || policy.partnerId() == null || entry.subjectRef() == null
                || !"ALLOWED".equals(entry.outcome()) || !VerdictRules.needsPolicy(entry)) {
            return;
        }
        Integer subject = ids.get(entry.subjectRef());
        if (subject == null) {
            return;
        }
        String markets = VerdictRules.markets(policy);
        for (String category : new LinkedHashSet<>(entry.categories())) {
            exposure.computeIfAbsent(new ExposureKey(entry.partnershipId(), policy.partnerId(),
                    policy.partnerCoveredPerson(), markets, entry.day(), category, entry.mode(), entry.country()),
                    k -> new RoaringBitmap()).add(subject);
        }
    }

    /** Adds a step's per-day exposure to the daily rows and to the monthly rows of their months. */
    private static void mergeExposure(Connection c, Map<ExposureKey, RoaringBitmap> exposure) throws SQLException {
        Map<ExposureKey, RoaringBitmap> months = new HashMap<>();
        exposure.forEach((k, v) -> months.computeIfAbsent(new ExposureKey(k.partnership(), k.partner(), k.covered(),
                k.markets(), k.day().withDayOfMonth(1), k.category(), k.mode(), k.country()), x -> new RoaringBitmap())
                .or(v));
        mergeExposure(c, "exposure_rollup", exposure);
        mergeExposure(c, "exposure_rollup_month", months);
    }

    private static void mergeExposure(Connection c, String table, Map<ExposureKey, RoaringBitmap> exposure)
            throws SQLException {
        if (exposure.isEmpty()) {
            return;
        }
        Set<LocalDate> days = new HashSet<>();
        exposure.keySet().forEach(k -> days.add(k.day()));
        try (PreparedStatement select = c.prepareStatement("SELECT partnership_id, partner_id, partner_covered, markets, "
                + "day, category, mode, country, subjects FROM " + table + " WHERE day = ANY(?::date[])")) {
            select.setArray(1, c.createArrayOf("date", days.stream().map(LocalDate::toString).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RoaringBitmap bitmap = exposure.get(new ExposureKey(rows.getObject(1, UUID.class),
                            rows.getObject(2, UUID.class), rows.getBoolean(3), rows.getString(4),
                            rows.getObject(5, LocalDate.class), rows.getString(6), rows.getString(7), rows.getString(8)));
                    if (bitmap != null) {
                        Bitmaps.orInto(bitmap, rows.getBytes(9));
                    }
                }
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + table + " (partnership_id, partner_id, "
                + "partner_covered, markets, day, category, mode, country, subjects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (day, partnership_id, partner_id, partner_covered, markets, category, mode, country) "
                + "DO UPDATE SET subjects = excluded.subjects")) {
            for (Map.Entry<ExposureKey, RoaringBitmap> e : exposure.entrySet()) {
                ExposureKey k = e.getKey();
                upsert.setObject(1, k.partnership());
                upsert.setObject(2, k.partner());
                upsert.setBoolean(3, k.covered());
                upsert.setString(4, k.markets());
                upsert.setObject(5, k.day());
                upsert.setString(6, k.category());
                upsert.setString(7, k.mode());
                upsert.setString(8, k.country());
                upsert.setBytes(9, Bitmaps.serialize(e.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void retryPending() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return;
                }
                List<EntryFacts> due = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("SELECT " + EntryFacts.COLUMNS + " FROM log_entry "
                        + "WHERE seq IN (SELECT seq FROM verdict_pending WHERE next_attempt_at <= now() "
                        + "ORDER BY seq LIMIT 1000) ORDER BY seq")) {
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            due.add(EntryFacts.read(rows));
                        }
                    }
                }
                if (due.isEmpty()) {
                    c.rollback();
                    return;
                }
                Map<ExposureKey, RoaringBitmap> exposure = new HashMap<>();
                judgeAll(c, due, exposure, true);
                mergeExposure(c, exposure);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
