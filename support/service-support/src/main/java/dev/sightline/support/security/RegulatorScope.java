package dev.sightline.support.security;

import dev.sightline.support.market.Markets;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a regulator may see: the jurisdictions of its token's {@code jurisdictions} claim (an identity attribute
 * of the same name stands in for it in tests), and the partnership markets those cover. A caller that also holds a
 * role reading everything (auditor, disclosure-author, disclosure-publisher) is not scoped.
 */
public record RegulatorScope(boolean scoped, Set<String> jurisdictions) {
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
        return !scoped || jurisdictions.stream().anyMatch(j -> Markets.covers(j, markets));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
