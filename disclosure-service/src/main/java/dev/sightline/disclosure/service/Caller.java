package dev.sightline.disclosure.service;

import dev.sightline.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the name the audit log and the four-eyes rule use, and for a regulator the jurisdictions its
 * token's {@code jurisdictions} claim grants (an identity attribute of the same name stands in for it in tests).
 */
public record Caller(String id, boolean regulator, boolean service, Set<String> jurisdictions) {
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public static Caller of(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        Set<String> jurisdictions = new LinkedHashSet<>();
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(Roles.JURISDICTIONS_CLAIM)
                : identity.getAttribute(Roles.JURISDICTIONS_CLAIM);
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> jurisdictions.add(unquote(String.valueOf(v))));
        } else if (claim != null) {
            for (String value : claim.toString().split(",")) {
                if (!value.isBlank()) {
                    jurisdictions.add(unquote(value.strip()));
                }
            }
        }
        boolean onlyRegulator = identity.hasRole(Roles.REGULATOR) && !identity.hasRole(Roles.AUDITOR)
                && !identity.hasRole(Roles.DISCLOSURE_AUTHOR) && !identity.hasRole(Roles.DISCLOSURE_PUBLISHER);
        return new Caller(name, onlyRegulator, name.startsWith(SERVICE_ACCOUNT_PREFIX), Set.copyOf(jurisdictions));
    }

    /** Whether a regulator's scope lets it see a disclosure of this jurisdiction. */
    public boolean mayRead(String jurisdiction) {
        return !regulator || jurisdictions.contains(jurisdiction);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
