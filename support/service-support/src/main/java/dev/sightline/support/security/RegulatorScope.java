package dev.sightline.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a regulator may see: the jurisdictions of its token's {@code jurisdictions} claim (an identity attribute
 * of the same name stands in for it in tests), and the partnership markets those cover. A caller that also holds a
 * role reading everything (auditor, disclosure-author, disclosure-publisher) is not scoped.
 */
public record RegulatorScope(boolean scoped, Set<String> jurisdictions) {
    /** The EU member states (ISO 3166-1 alpha-2); a partnership's market may also be the region code EU itself. */
    public static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private static final Map<String, Set<String>> MARKETS = Map.of(
            "EU", union(Set.of("EU"), EU),
            "CN", Set.of("CN"),
            "US", Set.of("US"),
            "US-CA", Set.of("US"));

    public static RegulatorScope of(SecurityIdentity identity) {
        boolean scoped = identity.hasRole(Roles.REGULATOR) && !identity.hasRole(Roles.AUDITOR)
                && !identity.hasRole(Roles.DISCLOSURE_AUTHOR) && !identity.hasRole(Roles.DISCLOSURE_PUBLISHER);
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(Roles.JURISDICTIONS_CLAIM)
                : identity.getAttribute(Roles.JURISDICTIONS_CLAIM);
        Set<String> jurisdictions = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> jurisdictions.add(unquote(String.valueOf(v))));
        } else if (claim != null) {
            for (String value : claim.toString().split(",")) {
                if (!value.isBlank()) {
                    jurisdictions.add(unquote(value.strip()));
                }
            }
        }
        return new RegulatorScope(scoped, Set.copyOf(jurisdictions));
    }

    /** Whether the caller may see something of this jurisdiction. */
    public boolean mayRead(String jurisdiction) {
        return !scoped || jurisdictions.contains(jurisdiction);
    }

    /** Whether the caller may see a partnership offered in these markets (country codes or EU). */
    public boolean mayReadMarkets(Collection<String> markets) {
        if (!scoped) {
            return true;
        }
        for (String jurisdiction : jurisdictions) {
            Set<String> covered = MARKETS.getOrDefault(jurisdiction, Set.of());
            for (String market : markets) {
                if (covered.contains(market)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** The markets a jurisdiction covers. */
    public static Set<String> markets(String jurisdiction) {
        return MARKETS.getOrDefault(jurisdiction, Set.of());
    }
}
