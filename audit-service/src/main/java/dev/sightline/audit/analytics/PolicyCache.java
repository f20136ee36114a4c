package dev.sightline.audit.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Policy revisions by partnership, as intervals [validFrom, knownUntil). A fetched revision answers every instant
 * inside its interval from memory, so the partnership-service sees one call per revision, not one per event
 * (each call is itself a READ event in the log). The current revision is known only up to when it was fetched;
 * later instants wait for a refresh, at most every {@code policy-refresh}. Persisted in {@code policy_revision}
 * so restarts and rebuilds do not ask again.
 */
@ApplicationScoped
class PolicyCache {
    /** Stands for "before the first revision" in the table. */
    static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");

    /** What is known about the policy at one instant. */
    sealed interface Resolution permits Known, UnknownPartnership, Unavailable {
    }

    record Known(PolicyDocument policy) implements Resolution {
    }

    record UnknownPartnership() implements Resolution {
    }

    record Unavailable(String reason, Instant retryAfter) implements Resolution {
    }

    record Interval(Instant from, Instant until, boolean current, PolicyDocument policy) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(until);
        }
    }

    private static final class Entry {
        final List<Interval> intervals = new ArrayList<>();
        boolean unknown;
        Instant lastFetch = Instant.EPOCH;
    }

    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();
    private final PolicyFetcher fetcher;
    private final AgroalDataSource dataSource;
    private final AnalyticsConfig config;
    private final ObjectMapper json;

    PolicyCache(PolicyFetcher fetcher, AgroalDataSource dataSource, AnalyticsConfig config, ObjectMapper json) {
        this.fetcher = fetcher;
        this.dataSource = dataSource;
        this.config = config;
        this.json = json;
    }

    /** From memory or the table only; null when not known without asking the partnership-service. */
    synchronized Resolution cached(UUID partnershipId, Instant at) {
        Entry entry = load(partnershipId);
        if (entry.unknown) {
            return new UnknownPartnership();
        }
        for (Interval interval : entry.intervals) {
            if (interval.contains(at)) {
                return new Known(interval.policy());
            }
        }
        return null;
    }

    /** The policy in force at {@code at}, asking the partnership-service if it is not cached. */
    synchronized Resolution resolve(UUID partnershipId, Instant at) {
        Resolution cached = cached(partnershipId, at);
        if (cached != null) {
            return cached;
        }
        Entry entry = cache.get(partnershipId);
        Instant now = Instant.now();
        boolean coveredByCurrent = entry.intervals.stream().anyMatch(i -> i.current() && !at.isBefore(i.from()));
        Instant nextAllowed = entry.lastFetch.plus(config.policyRefresh());
        if (coveredByCurrent && now.isBefore(nextAllowed)) {
            return new Unavailable("the revision in force at " + at + " is not known yet", nextAllowed);
        }
        try {
            entry.lastFetch = now;
            Optional<PolicyDocument> fetched = fetcher.fetch(partnershipId, at);
            if (fetched.isEmpty()) {
                entry.unknown = true;
                return new UnknownPartnership();
            }
            PolicyDocument policy = fetched.get();
            Instant from = policy.revisionValidFrom() == null ? BEGINNING : policy.revisionValidFrom();
            boolean current = policy.revisionValidUntil() == null;
            Instant until = current ? now : policy.revisionValidUntil();
            Interval interval = new Interval(from, until, current, policy);
            entry.intervals.removeIf(i -> i.from().equals(from));
            entry.intervals.add(interval);
            persist(partnershipId, interval);
            if (interval.contains(at)) {
                return new Known(policy);
            }
            // at is after the fetch (clocks apart, or an event from the future): wait for the next refresh
            return new Unavailable("the revision in force at " + at + " is not known yet", now.plus(config.policyRefresh()));
        } catch (RuntimeException e) {
            Log.debugf(e, "policy of %s at %s not fetched", partnershipId, at);
            return new Unavailable("partnership-service: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage())), null);
        }
    }

    private Entry load(UUID partnershipId) {
        Entry entry = cache.get(partnershipId);
        if (entry != null) {
            return entry;
        }
        Entry loaded = new Entry();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT valid_from, valid_until, current, document "
                        + "FROM policy_revision WHERE partnership_id = ?")) {
            select.setObject(1, partnershipId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    loaded.intervals.add(new Interval(rows.getObject(1, OffsetDateTime.class).toInstant(),
                            rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getBoolean(3),
                            json.readValue(rows.getString(4), PolicyDocument.class)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read cached policy revisions", e);
        }
        cache.put(partnershipId, loaded);
        return loaded;
    }

    private void persist(UUID partnershipId, Interval interval) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement("INSERT INTO policy_revision (partnership_id, valid_from, "
                        + "valid_until, current, revision, partner_id, partner_covered, markets, document) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partnership_id, valid_from) DO UPDATE SET "
                        + "valid_until = excluded.valid_until, current = excluded.current, document = excluded.document")) {
            PolicyDocument p = interval.policy();
            upsert.setObject(1, partnershipId);
            upsert.setObject(2, interval.from().atOffset(ZoneOffset.UTC));
            upsert.setObject(3, interval.until().atOffset(ZoneOffset.UTC));
            upsert.setBoolean(4, interval.current());
            upsert.setObject(5, p.revision());
            upsert.setObject(6, p.partnerId());
            upsert.setBoolean(7, p.partnerCoveredPerson());
            upsert.setString(8, VerdictRules.markets(p));
            upsert.setString(9, json.writeValueAsString(p));
            upsert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            Log.warnf(e, "could not persist policy revision of %s", partnershipId);
        }
    }

    private static String abbreviate(String message) {
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
