package dev.sightline.audit.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges one entry against the policy in force when it happened. Pure: no I/O, so the laws can be tested alone.
 * Entries that name no data category touched no user data and are never in violation; neither are DENIED
 * accesses (the boundary held). A taxonomy key allows and forbids its children.
 */
public final class VerdictRules {
    /** The kinds of violation. */
    public enum Kind {
        CATEGORY_NOT_ALLOWED, SENSITIVE_NOT_ALLOWED, MODE_NOT_ALLOWED, COUNTRY_NOT_ALLOWED, PURPOSE_NOT_ALLOWED,
        PARTNERSHIP_NOT_ACTIVE, UNKNOWN_PARTNERSHIP, VOLUME_NOT_COVERED
    }

    record Violation(Kind kind, String detail) {
    }

    private VerdictRules() {
    }

    /** Whether the entry needs a policy at all. */
    static boolean needsPolicy(EntryFacts entry) {
        return entry.touchesUserData() && !"DENIED".equals(entry.outcome());
    }

    /** The violations of an entry under {@code policy}; null policy means the partnership never existed. */
    static List<Violation> judge(EntryFacts entry, PolicyDocument policy) {
        if (!needsPolicy(entry)) {
            return List.of();
        }
        if (policy == null) {
            return List.of(new Violation(Kind.UNKNOWN_PARTNERSHIP, "partnership " + entry.partnershipId()
                    + " does not exist in the partnership-service"));
        }
        if (policy.revision() == null) {
            return List.of(new Violation(Kind.PARTNERSHIP_NOT_ACTIVE, "the partnership had no record yet at "
                    + entry.occurredAt()));
        }
        Map<Kind, String> found = new TreeMap<>();
        if (!activeAt(policy, entry.occurredAt())) {
            found.put(Kind.PARTNERSHIP_NOT_ACTIVE, "status " + policy.status() + ", effective " + policy.effectiveFrom()
                    + " to " + (policy.effectiveTo() == null ? "open" : policy.effectiveTo()) + " (revision "
                    + policy.revision() + ")");
        }
        List<String> notAllowed = new ArrayList<>();
        List<String> sensitive = new ArrayList<>();
        for (String category : entry.categories()) {
            if (covers(list(policy.forbiddenCategories()), category) || !covers(list(policy.allowedCategories()), category)) {
                notAllowed.add(category);
            }
            if (!policy.sensitiveAllowed() && covers(list(policy.sensitiveCategories()), category)) {
                sensitive.add(category);
            }
        }
        if (!notAllowed.isEmpty()) {
            found.put(Kind.CATEGORY_NOT_ALLOWED, String.join(", ", notAllowed) + " not allowed");
        }
        if (!sensitive.isEmpty()) {
            found.put(Kind.SENSITIVE_NOT_ALLOWED, String.join(", ", sensitive) + " is sensitive; the policy allows none");
        }
        if (!list(policy.allowedModes()).contains(entry.mode())) {
            found.put(Kind.MODE_NOT_ALLOWED, "processed " + entry.mode() + "; allowed " + list(policy.allowedModes()));
        }
        if (!list(policy.allowedCountries()).contains(entry.country())) {
            found.put(Kind.COUNTRY_NOT_ALLOWED, "processed in " + entry.country() + "; allowed "
                    + list(policy.allowedCountries()));
        }
        if (!list(policy.allowedPurposes()).contains(entry.purpose())) {
            found.put(Kind.PURPOSE_NOT_ALLOWED, "purpose " + entry.purpose() + "; allowed "
                    + list(policy.allowedPurposes()));
        }
        return found.entrySet().stream().map(e -> new Violation(e.getKey(), e.getValue())).toList();
    }

    /** Status ACTIVE and the instant's UTC day within the effective dates (both inclusive). */
    static boolean activeAt(PolicyDocument policy, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return "ACTIVE".equals(policy.status()) && policy.effectiveFrom() != null
                && !day.isBefore(policy.effectiveFrom())
                && (policy.effectiveTo() == null || !day.isAfter(policy.effectiveTo()));
    }

    /** Whether one of the keys is the category or a parent of it. */
    static boolean covers(Collection<String> keys, String category) {
        for (String key : keys) {
            if (category.equals(key) || category.startsWith(key + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The policy's markets as a sorted comma-separated list (a rollup key). */
    static String markets(PolicyDocument policy) {
        return String.join(",", new TreeSet<>(list(policy.markets())));
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
