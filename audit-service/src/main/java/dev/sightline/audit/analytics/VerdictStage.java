package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.PolicyCache.Known;
import dev.sightline.audit.analytics.PolicyCache.Resolution;
import dev.sightline.audit.analytics.PolicyCache.Unavailable;
import dev.sightline.audit.analytics.VerdictRules.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
 * The worker's second stage: judges each entry against the policy revision in force at its occurredAt (from the
 * partnership-service, cached by revision interval) and keeps the per-day exposure rollup the threshold rules
 * read. An entry whose policy cannot be had now is parked in {@code verdict_pending} and retried with backoff;
 * the cursor moves on, so one outage never stalls the rest. Runs inside the worker's transaction, under its lock.
 */
@ApplicationScoped
class VerdictStage {
    /**
     * One exposure rollup row's key: {@code country} is where the data went, {@code region} the subject's recorded
     * country ({@code ""} when the event recorded none).
     */
    record ExposureKey(UUID partnership, UUID partner, boolean covered, String markets, LocalDate day,
            String category, String mode, String country, String region) {
        ExposureKey inMonth() {
            return new ExposureKey(partnership, partner, covered, markets, day.withDayOfMonth(1), category, mode,
                    country, region);
        }
    }

    private final PolicyCache policies;
    private final AnalyticsConfig config;
    private final Quarantine quarantine;

    VerdictStage(PolicyCache policies, AnalyticsConfig config, Quarantine quarantine) {
        this.policies = policies;
        this.config = config;
        this.quarantine = quarantine;
    }

    /** Judges the entries with seq in [from, to); an entry that cannot be judged is quarantined. */
    void run(Connection c, long from, long to) throws SQLException {
        Map<ExposureKey, RoaringBitmap> exposure = new HashMap<>();
        for (long next = from; next < to;) {
            EntryFacts.Page page = EntryFacts.page(c, next, to, quarantine, AnalyticsWorker.VERDICT);
            if (page.end() == next) {
                throw new IllegalStateException("entries [" + next + ", " + to + ") are missing");
            }
            judgeAll(c, page.entries(), exposure, false);
            next = page.end();
        }
        mergeExposure(c, exposure);
    }

    /** Judges the parked entries that are due again; false when none is. */
    boolean retryDue(Connection c) throws SQLException {
        List<EntryFacts> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + EntryFacts.COLUMNS + " FROM log_entry "
                + "WHERE seq IN (SELECT seq FROM verdict_pending WHERE next_attempt_at <= now() "
                + "ORDER BY seq LIMIT 1000) ORDER BY seq")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // the stage read each of them once already
                    due.add(EntryFacts.read(rows));
                }
            }
        }
        if (due.isEmpty()) {
            return false;
        }
        Map<ExposureKey, RoaringBitmap> exposure = new HashMap<>();
        judgeAll(c, due, exposure, true);
        mergeExposure(c, exposure);
        return true;
    }

    /** Judges the entries: violations written, exposure gathered, the unresolvable parked (or kept parked). */
    private void judgeAll(Connection c, List<EntryFacts> entries, Map<ExposureKey, RoaringBitmap> exposure,
            boolean retry) throws SQLException {
        Map<String, Integer> ids = SubjectIds.resolve(c, EntryFacts.refs(entries), false);
        try (PreparedStatement violation = c.prepareStatement("INSERT INTO violation (seq, kind, detail, "
                + "partnership_id, occurred_at, policy_revision) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                PreparedStatement park = c.prepareStatement("INSERT INTO verdict_pending (seq, partnership_id, attempts, "
                        + "next_attempt_at, last_error) VALUES (?, ?, 1, ?, ?) ON CONFLICT (seq) DO UPDATE SET "
                        + "attempts = verdict_pending.attempts + 1, next_attempt_at = "
                        + "greatest(excluded.next_attempt_at, now() + least(? * power(2, verdict_pending.attempts), ?) "
                        + "* interval '1 millisecond'), last_error = excluded.last_error");
                PreparedStatement done = c.prepareStatement("DELETE FROM verdict_pending WHERE seq = ?")) {
            for (EntryFacts entry : entries) {
                boolean settled;
                try {
                    settled = judge(entry, exposure, ids, violation, park);
                } catch (RuntimeException e) {
                    settled = true;
                    quarantine.add(c, entry.seq(), AnalyticsWorker.VERDICT, e);
                }
                if (retry && settled) {
                    done.setLong(1, entry.seq());
                    done.addBatch();
                }
            }
            violation.executeBatch();
            park.executeBatch();
            done.executeBatch();
        }
    }

    /**
     * Judges one entry: its violations batched, its exposure gathered, or parked when its policy cannot be had now
     * (then false). Everything that may fail is computed before anything is batched, so a failure leaves no trace of
     * the entry.
     */
    private boolean judge(EntryFacts entry, Map<ExposureKey, RoaringBitmap> exposure, Map<String, Integer> ids,
            PreparedStatement violation, PreparedStatement park) throws SQLException {
        if (!VerdictRules.needsPolicy(entry)) {
            return true;
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
            return false;
        }
        PolicyDocument policy = resolution instanceof Known known ? known.policy() : null;
        List<Violation> violations = VerdictRules.judge(entry, policy);
        Map<ExposureKey, RoaringBitmap> own = new HashMap<>();
        addExposure(own, entry, policy, ids);
        for (Violation v : violations) {
            violation.setLong(1, entry.seq());
            violation.setString(2, v.kind().name());
            violation.setString(3, v.detail());
            violation.setObject(4, entry.partnershipId());
            violation.setObject(5, entry.occurredAt().atOffset(ZoneOffset.UTC));
            violation.setObject(6, policy == null ? null : policy.revision());
            violation.addBatch();
        }
        own.forEach((k, v) -> exposure.merge(k, v, (a, b) -> {
            a.or(b);
            return a;
        }));
        return true;
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
        String region = entry.subjectCountry() == null ? "" : entry.subjectCountry();
        for (String category : new LinkedHashSet<>(entry.categories())) {
            for (String destination : entry.destinations()) {
                exposure.computeIfAbsent(new ExposureKey(entry.partnershipId(), policy.partnerId(),
                        policy.partnerCoveredPerson(), markets, entry.day(), category, entry.mode(), destination,
                        region), k -> new RoaringBitmap()).add(subject);
            }
        }
    }

    /** Adds a step's per-day exposure to the daily rows and to the monthly rows of their months. */
    private static void mergeExposure(Connection c, Map<ExposureKey, RoaringBitmap> exposure) throws SQLException {
        Map<ExposureKey, RoaringBitmap> months = new HashMap<>();
        exposure.forEach((k, v) -> months.computeIfAbsent(k.inMonth(), x -> new RoaringBitmap()).or(v));
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
                + "day, category, mode, country, region, subjects FROM " + table + " WHERE day = ANY(?::date[])")) {
            select.setArray(1, c.createArrayOf("date", days.stream().map(LocalDate::toString).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RoaringBitmap bitmap = exposure.get(new ExposureKey(rows.getObject(1, UUID.class),
                            rows.getObject(2, UUID.class), rows.getBoolean(3), rows.getString(4),
                            rows.getObject(5, LocalDate.class), rows.getString(6), rows.getString(7), rows.getString(8),
                            rows.getString(9)));
                    if (bitmap != null) {
                        Bitmaps.orInto(bitmap, rows.getBytes(10));
                    }
                }
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + table + " (partnership_id, partner_id, "
                + "partner_covered, markets, day, category, mode, country, region, subjects) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, partnership_id, partner_id, partner_covered, "
                + "markets, category, mode, country, region) "
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
                upsert.setString(9, k.region());
                upsert.setBytes(10, Bitmaps.serialize(e.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
