package dev.sightline.support.market;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Markets and the jurisdictions that cover them, kept once for every service: the EU member states, and which
 * partnership markets (ISO 3166-1 alpha-2 country codes, or the region code {@code EU}) each disclosure
 * jurisdiction covers.
 */
public final class Markets {
    /** The region code a partnership may name instead of listing every member state. */
    public static final String EU = "EU";

    /** The EU member states (ISO 3166-1 alpha-2), in the EU's protocol order. */
    public static final Set<String> EU_MEMBER_STATES = orderedSet("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE",
            "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
            "SE");

    /** The disclosure jurisdictions this suite reports to, in the order lists show them. */
    public static final List<String> JURISDICTIONS = List.of("EU", "CN", "US", "US-CA");

    private static final Map<String, Set<String>> COVERED = Map.of(
            "EU", union(Set.of(EU), EU_MEMBER_STATES),
            "CN", Set.of("CN"),
            "US", Set.of("US"),
            "US-CA", Set.of("US"));

    private Markets() {
    }

    /** The partnership markets a disclosure jurisdiction covers; empty for a jurisdiction this suite does not know. */
    public static Set<String> coveredBy(String jurisdiction) {
        return COVERED.getOrDefault(jurisdiction, Set.of());
    }

    /** Whether any of these markets falls under the jurisdiction. */
    public static boolean covers(String jurisdiction, Collection<String> markets) {
        Set<String> covered = coveredBy(jurisdiction);
        return markets.stream().anyMatch(covered::contains);
    }

    /** Whether a country is an EU member state. */
    public static boolean inEu(String country) {
        return EU_MEMBER_STATES.contains(country);
    }

    private static Set<String> orderedSet(String... codes) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(codes)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Collections.unmodifiableSet(all);
    }
}
