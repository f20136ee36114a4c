package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.AnalyticsWorker.Acc;
import dev.sightline.audit.analytics.AnalyticsWorker.ExposureKey;
import dev.sightline.audit.analytics.AnalyticsWorker.RollupKey;
import dev.sightline.audit.analytics.ThresholdRules.Category;
import dev.sightline.audit.analytics.ThresholdRules.Regime;
import dev.sightline.audit.analytics.rest.dto.AuthorityRegisterView;
import dev.sightline.audit.analytics.rest.dto.CheckpointRef;
import dev.sightline.audit.analytics.rest.dto.FiguresView;
import dev.sightline.audit.analytics.rest.dto.StatsView;
import dev.sightline.audit.analytics.rest.dto.ThresholdsView;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.security.RegulatorScope;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Statistics, threshold evaluation and the authority-request register, read from the worker's exact rollups:
 * whole UTC days from the per-day rows, partial days at a period's edges from the log itself, always over
 * exactly the entries below the checkpoint the worker has reached (which the answer cites). Plain JDBC: these
 * are big aggregations whose bitmaps are united in memory.
 */
@ApplicationScoped
public class AnalyticsService {
    public static final List<String> DIMENSIONS = List.of("category", "mode", "country", "purpose", "outcome",
            "action", "feature");

    private final AgroalDataSource dataSource;
    private final ThresholdRules rules;
    private final PolicyCache policies;

    AnalyticsService(AgroalDataSource dataSource, ThresholdRules rules, PolicyCache policies) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.policies = policies;
    }

    /** A period split into whole UTC days [fullFrom, fullTo) and the partial edges, each [from, to). */
    record Period(LocalDate fullFrom, LocalDate fullTo, List<Instant[]> edges) {
        static Period of(Instant from, Instant to) {
            LocalDate fullFrom = from == null ? null : ceilDay(from);
            LocalDate fullTo = to == null ? null : LocalDate.ofInstant(to, ZoneOffset.UTC);
            List<Instant[]> edges = new ArrayList<>();
            if (fullFrom != null && fullTo != null && !fullFrom.isBefore(fullTo)) {
                edges.add(new Instant[] { from, to });
                return new Period(fullFrom, fullFrom, edges);
            }
            if (from != null && !start(fullFrom).equals(from)) {
                edges.add(new Instant[] { from, start(fullFrom) });
            }
            if (to != null && !start(fullTo).equals(to)) {
                edges.add(new Instant[] { start(fullTo), to });
            }
            return new Period(fullFrom, fullTo, edges);
        }

        private static LocalDate ceilDay(Instant instant) {
            LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
            return start(day).equals(instant) ? day : day.plusDays(1);
        }

        static Instant start(LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /**
         * The whole days as the rollups hold them: leading days from the daily rows, every whole calendar month
         * from the monthly rows, trailing days from the daily rows again. Open-ended periods read daily rows.
         */
        List<Span> spans() {
            if (fullFrom == null || fullTo == null) {
                return List.of(new Span("", fullFrom, fullTo));
            }
            if (!fullFrom.isBefore(fullTo)) {
                return List.of();
            }
            LocalDate firstMonth = fullFrom.getDayOfMonth() == 1 ? fullFrom : fullFrom.withDayOfMonth(1).plusMonths(1);
            LocalDate endMonth = fullTo.withDayOfMonth(1);
            if (!firstMonth.isBefore(endMonth)) {
                return List.of(new Span("", fullFrom, fullTo));
            }
            List<Span> spans = new ArrayList<>();
            if (fullFrom.isBefore(firstMonth)) {
                spans.add(new Span("", fullFrom, firstMonth));
            }
            spans.add(new Span("_month", firstMonth, endMonth));
            if (endMonth.isBefore(fullTo)) {
                spans.add(new Span("", endMonth, fullTo));
            }
            return spans;
        }
    }

    /** Rows of one rollup granularity ({@code table} suffix "" daily, "_month" monthly) with day in [from, to). */
    record Span(String table, LocalDate from, LocalDate to) {
        void filter(StringBuilder sql, List<Object> params, UUID partnershipId) {
            if (from != null) {
                sql.append(" AND day >= ?");
                params.add(from);
            }
            if (to != null) {
                sql.append(" AND day < ?");
                params.add(to);
            }
            if (partnershipId != null) {
                sql.append(" AND partnership_id = ?");
                params.add(partnershipId);
            }
        }
    }

    public StatsView stats(UUID partnershipId, Instant from, Instant to, List<String> groupBy) {
        checkPeriod(from, to);
        for (String dim : groupBy) {
            if (!DIMENSIONS.contains(dim)) {
                throw ProblemException.invalidField("groupBy", "'" + dim + "' is not one of " + DIMENSIONS);
            }
        }
        return read(c -> stats(c, AnalyticsWorker.cursor(c, "rollup"), partnershipId, from, to, groupBy));
    }

    private StatsView stats(Connection c, long size, UUID partnershipId, Instant from, Instant to, List<String> groupBy)
            throws SQLException {
        List<String> dims = new ArrayList<>(List.of("*"));
        groupBy.stream().distinct().forEach(dims::add);
        Period period = Period.of(from, to);
        Map<String, Map<String, Acc>> figures = new LinkedHashMap<>();
        dims.forEach(d -> figures.put(d, new TreeMap<>()));
        if (period.fullFrom() == null || period.fullTo() == null || period.fullFrom().isBefore(period.fullTo())) {
            for (String dim : dims) {
                for (Span span : period.spans()) {
                    StringBuilder sql = new StringBuilder("SELECT value, events, records, subjects FROM stats_rollup"
                            + span.table() + " WHERE dim = ?");
                    List<Object> params = new ArrayList<>(List.of(dim));
                    span.filter(sql, params, partnershipId);
                    try (PreparedStatement select = prepare(c, sql.toString(), params);
                            ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            Acc acc = figures.get(dim).computeIfAbsent(rows.getString(1), k -> new Acc());
                            acc.events += rows.getLong(2);
                            acc.records += rows.getLong(3);
                            Bitmaps.orInto(acc.subjects, rows.getBytes(4));
                        }
                    }
                }
            }
        }
        for (Instant[] edge : period.edges()) {
            Map<RollupKey, Acc> partial = new HashMap<>();
            List<EntryFacts> entries = rawEntries(c, edge, size, partnershipId, false);
            Map<String, Integer> ids = SubjectIds.resolve(c, AnalyticsWorker.refs(entries), false);
            entries.forEach(e -> AnalyticsWorker.addToRollup(partial, e, ids));
            partial.forEach((k, v) -> {
                Map<String, Acc> byValue = figures.get(k.dim());
                if (byValue != null) {
                    Acc acc = byValue.computeIfAbsent(k.value(), x -> new Acc());
                    acc.events += v.events;
                    acc.records += v.records;
                    acc.subjects.or(v.subjects);
                }
            });
        }
        Acc total = figures.get("*").getOrDefault("*", new Acc());
        List<StatsView.Breakdown> breakdowns = new ArrayList<>();
        for (String dim : dims.subList(1, dims.size())) {
            breakdowns.add(new StatsView.Breakdown(dim, figures.get(dim).entrySet().stream()
                    .map(e -> figures(e.getKey(), e.getValue())).toList()));
        }
        return new StatsView(partnershipId, from, to, checkpoint(c, size), figures(null, total), breakdowns);
    }

    private static StatsView.Figures figures(String value, Acc acc) {
        return new StatsView.Figures(value == null || value.isEmpty() ? null : value, acc.events, acc.records,
                acc.subjects.getLongCardinality());
    }

    public ThresholdsView thresholds(UUID partnershipId, Instant at) {
        Instant when = at == null ? Instant.now().truncatedTo(ChronoUnit.MICROS) : at;
        return read(c -> thresholds(c, AnalyticsWorker.cursor(c, "verdict"), partnershipId, when));
    }

    private ThresholdsView thresholds(Connection c, long size, UUID partnershipId, Instant when) throws SQLException {
        ThresholdRules.RuleSet ruleSet = rules.rules();
        List<ThresholdsView.Result> results = new ArrayList<>();
        long pending = 0;
        for (Regime regime : ruleSet.regimes()) {
            Instant start = regime.window().start(when);
            Period period = Period.of(start, when);
            // (counterparty or null, category) -> subjects
            Map<List<Object>, RoaringBitmap> counted = new HashMap<>();
            Consumer<Object[]> fold = row -> {
                ExposureKey k = (ExposureKey) row[0];
                if (!regime.scope().matches(k.covered(), k.markets(), k.mode(), k.country())) {
                    return;
                }
                for (Category category : regime.categories()) {
                    if (category.matches(k.category())) {
                        counted.computeIfAbsent(java.util.Arrays.asList(regime.perCounterparty() ? k.partner() : null,
                                category.category()), x -> new RoaringBitmap()).or((RoaringBitmap) row[1]);
                    }
                }
            };
            for (Span span : period.spans()) {
                StringBuilder sql = new StringBuilder("SELECT partnership_id, partner_id, partner_covered, markets, "
                        + "day, category, mode, country, subjects FROM exposure_rollup" + span.table() + " WHERE true");
                List<Object> params = new ArrayList<>();
                span.filter(sql, params, partnershipId);
                try (PreparedStatement select = prepare(c, sql.toString(), params);
                        ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        fold.accept(new Object[] { new ExposureKey(rows.getObject(1, UUID.class),
                                rows.getObject(2, UUID.class), rows.getBoolean(3), rows.getString(4),
                                rows.getObject(5, LocalDate.class), rows.getString(6), rows.getString(7),
                                rows.getString(8)), Bitmaps.deserialize(rows.getBytes(9)) });
                    }
                }
            }
            for (Instant[] edge : period.edges()) {
                Map<ExposureKey, RoaringBitmap> partial = new HashMap<>();
                List<EntryFacts> entries = rawEntries(c, edge, size, partnershipId, true);
                Map<String, Integer> ids = SubjectIds.resolve(c, AnalyticsWorker.refs(entries), false);
                for (EntryFacts entry : entries) {
                    if (VerdictRules.needsPolicy(entry)
                            && policies.cached(entry.partnershipId(), entry.occurredAt()) instanceof PolicyCache.Known k) {
                        PolicyDocument policy = k.policy();
                        AnalyticsWorker.addExposure(partial, entry, policy, ids);
                    }
                }
                partial.forEach((k, v) -> fold.accept(new Object[] { k, v }));
            }
            pending += pendingIn(c, start, when, partnershipId);
            for (Category category : regime.categories()) {
                List<Map.Entry<List<Object>, RoaringBitmap>> found = counted.entrySet().stream()
                        .filter(e -> category.category().equals(e.getKey().get(1)))
                        .sorted(Comparator.comparing(e -> String.valueOf(e.getKey().get(0)))).toList();
                if (found.isEmpty()) {
                    found = List.of(Map.entry(java.util.Arrays.asList(null, category.category()), new RoaringBitmap()));
                }
                for (Map.Entry<List<Object>, RoaringBitmap> e : found) {
                    long count = e.getValue().getLongCardinality();
                    for (long threshold : category.thresholds()) {
                        results.add(new ThresholdsView.Result(regime.regime(), regime.citation(),
                                category.category(), (UUID) e.getKey().get(0), start, when, count, threshold,
                                ThresholdRules.ratio(count, threshold),
                                ThresholdRules.status(count, threshold, ruleSet.nearPercent()), ruleSet.version()));
                    }
                }
            }
        }
        return new ThresholdsView(partnershipId, when, ruleSet.version(), checkpoint(c, size), pending, results);
    }

    public AuthorityRegisterView authorityRequests(Instant from, Instant to, RegulatorScope scope) {
        checkPeriod(from, to);
        return read(c -> authorityRequests(c, AnalyticsWorker.cursor(c, "rollup"),
                scope.scoped() ? visiblePartnerships(c, scope) : null, from, to));
    }

    /**
     * A regulator reads the figures of one partnership offered in a market of its jurisdictions; any other is
     * 404, so it cannot even learn that the partnership has figures here.
     */
    public void requireVisible(UUID partnershipId, RegulatorScope scope) {
        if (!scope.scoped()) {
            return;
        }
        if (partnershipId == null) {
            throw ProblemException.invalidField("partnershipId",
                    "a regulator reads the figures of one partnership of its jurisdictions: name it");
        }
        boolean visible = read(c -> visiblePartnerships(c, scope).contains(partnershipId));
        if (!visible) {
            throw ProblemException.notFound("No partnership " + partnershipId + " with figures in "
                    + String.join(", ", scope.jurisdictions()));
        }
    }

    /** Partnerships whose policy, in any revision the verdict stage has seen, names a market the scope covers. */
    private static List<UUID> visiblePartnerships(Connection c, RegulatorScope scope) throws SQLException {
        List<UUID> visible = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT partnership_id, string_agg(markets, ',') "
                + "FROM policy_revision GROUP BY partnership_id"); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (scope.mayReadMarkets(List.of(rows.getString(2).split(",")))) {
                    visible.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return visible;
    }

    private AuthorityRegisterView authorityRequests(Connection c, long size, List<UUID> partnershipIds, Instant from,
            Instant to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT authority_country, legal_instrument, disposition, count(*) "
                + "FROM authority_request WHERE seq < ?");
        List<Object> params = new ArrayList<>(List.of(size));
        if (partnershipIds != null) {
            sql.append(" AND partnership_id = ANY (?)");
            params.add(c.createArrayOf("uuid", partnershipIds.toArray()));
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        sql.append(" GROUP BY 1, 2, 3");
        Map<String, Long> byCountry = new TreeMap<>();
        Map<String, Long> byInstrument = new TreeMap<>();
        Map<String, Long> byDisposition = new TreeMap<>();
        long total = 0;
        try (PreparedStatement select = prepare(c, sql.toString(), params); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long n = rows.getLong(4);
                total += n;
                byCountry.merge(rows.getString(1), n, Long::sum);
                byInstrument.merge(rows.getString(2), n, Long::sum);
                byDisposition.merge(rows.getString(3), n, Long::sum);
            }
        }
        return new AuthorityRegisterView(from, to, checkpoint(c, size), total, counts(byCountry),
                counts(byInstrument), counts(byDisposition));
    }

    /**
     * Everything a disclosure cites, for each partnership asked for, from one snapshot at one checkpoint: statistics
     * by every dimension, violations by kind, threshold status at the period's end and the authority-request
     * register. Both worker stages must stand at the same checkpoint; while one is behind the other the answer is a
     * 503 to retry, never figures from two different log sizes.
     */
    public FiguresView figures(List<UUID> partnershipIds, Instant from, Instant to) {
        if (partnershipIds.isEmpty()) {
            throw ProblemException.invalidField("partnershipId", "name at least one partnership");
        }
        if (from == null || to == null) {
            throw ProblemException.invalidField(from == null ? "from" : "to", "is required");
        }
        checkPeriod(from, to);
        List<UUID> ids = partnershipIds.stream().distinct().toList();
        return read(c -> {
            long rollup = AnalyticsWorker.cursor(c, "rollup");
            long verdict = AnalyticsWorker.cursor(c, "verdict");
            if (rollup != verdict) {
                throw ProblemException.unavailable("The analytics worker is between checkpoints (statistics at "
                        + rollup + ", verdicts at " + verdict + " entries); retry in a moment");
            }
            List<FiguresView.PartnershipFigures> figures = new ArrayList<>();
            for (UUID id : ids) {
                figures.add(new FiguresView.PartnershipFigures(id, stats(c, rollup, id, from, to, DIMENSIONS),
                        violationCounts(c, rollup, id, from, to), pendingIn(c, from, to, id),
                        thresholds(c, rollup, id, to)));
            }
            return new FiguresView(from, to, checkpoint(c, rollup), rules.rules().version(), figures,
                    authorityRequests(c, rollup, ids, from, to));
        });
    }

    private static List<FiguresView.KindCount> violationCounts(Connection c, long size, UUID partnershipId,
            Instant from, Instant to) throws SQLException {
        List<FiguresView.KindCount> counts = new ArrayList<>();
        try (PreparedStatement select = prepare(c, "SELECT kind, count(*) FROM violation WHERE partnership_id = ? "
                + "AND seq < ? AND occurred_at >= ? AND occurred_at < ? GROUP BY kind ORDER BY kind",
                List.of(partnershipId, size, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.add(new FiguresView.KindCount(rows.getString(1), rows.getLong(2)));
            }
        }
        return counts;
    }

    private static List<AuthorityRegisterView.Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new AuthorityRegisterView.Count(e.getKey(), e.getValue())).toList();
    }

    private static void checkPeriod(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
    }

    /** Entries below the cursor that occurred in [edge[0], edge[1]); judged ones only when asked. */
    private static List<EntryFacts> rawEntries(Connection c, Instant[] edge, long size, UUID partnershipId,
            boolean judgedOnly) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + EntryFacts.COLUMNS + " FROM log_entry WHERE occurred_at >= ? "
                + "AND occurred_at < ? AND seq < ?");
        List<Object> params = new ArrayList<>(List.of(edge[0].atOffset(ZoneOffset.UTC), edge[1].atOffset(ZoneOffset.UTC),
                size));
        if (partnershipId != null) {
            sql.append(" AND partnership_id = ?");
            params.add(partnershipId);
        }
        if (judgedOnly) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM verdict_pending p WHERE p.seq = log_entry.seq)");
        }
        List<EntryFacts> entries = new ArrayList<>();
        try (PreparedStatement select = prepare(c, sql.toString(), params); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(EntryFacts.read(rows));
            }
        }
        return entries;
    }

    private static long pendingIn(Connection c, Instant from, Instant to, UUID partnershipId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM verdict_pending p JOIN log_entry l ON l.seq = p.seq "
                + "WHERE l.occurred_at >= ? AND l.occurred_at < ?");
        List<Object> params = new ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)));
        if (partnershipId != null) {
            sql.append(" AND p.partnership_id = ?");
            params.add(partnershipId);
        }
        try (PreparedStatement select = prepare(c, sql.toString(), params); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static CheckpointRef checkpoint(Connection c, long size) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT root_hash FROM checkpoint WHERE tree_size = ?")) {
            select.setLong(1, size);
            try (ResultSet rows = select.executeQuery()) {
                return new CheckpointRef(size, rows.next() ? Base64.getEncoder().encodeToString(rows.getBytes(1)) : null);
            }
        }
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    /** One repeatable-read snapshot, so cursor, rollups and checkpoint agree. */
    <T> T read(Read<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return work.apply(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query failed", e);
        }
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
