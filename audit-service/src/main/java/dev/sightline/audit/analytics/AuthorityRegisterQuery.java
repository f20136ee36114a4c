package dev.sightline.audit.analytics;

import dev.sightline.audit.analytics.rest.dto.AuthorityRegisterView;
import dev.sightline.support.security.RegulatorScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The register of authority data requests, counted by country, legal instrument and disposition over the
 * entries below the checkpoint the rollup stage has reached.
 */
@ApplicationScoped
public class AuthorityRegisterQuery {
    private final Snapshots snapshots;

    AuthorityRegisterQuery(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** A regulator counts only the partnerships offered in its jurisdictions. */
    public AuthorityRegisterView authorityRequests(Instant from, Instant to, RegulatorScope scope) {
        Snapshots.checkPeriod(from, to);
        return snapshots.read(c -> authorityRequests(c, AnalyticsWorker.cursor(c, AnalyticsWorker.ROLLUP),
                scope.scoped() ? RegulatorVisibility.visiblePartnerships(c, scope) : null, from, to));
    }

    /** The register over the entries below {@code size}; of the given partnerships, or of all when null. */
    static AuthorityRegisterView authorityRequests(Connection c, long size, List<UUID> partnershipIds, Instant from,
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
        try (PreparedStatement select = Snapshots.prepare(c, sql.toString(), params); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long n = rows.getLong(4);
                total += n;
                byCountry.merge(rows.getString(1), n, Long::sum);
                byInstrument.merge(rows.getString(2), n, Long::sum);
                byDisposition.merge(rows.getString(3), n, Long::sum);
            }
        }
        return new AuthorityRegisterView(from, to, Snapshots.checkpoint(c, size), total, counts(byCountry),
                counts(byInstrument), counts(byDisposition), Quarantine.unclassified(c, size, AnalyticsWorker.ROLLUP,
                        partnershipIds, from, to, "AUTHORITY_REQUEST"));
    }

    private static List<AuthorityRegisterView.Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new AuthorityRegisterView.Count(e.getKey(), e.getValue())).toList();
    }
}
