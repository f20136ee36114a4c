package dev.sightline.portal.web;

import dev.sightline.portal.config.PortalConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is looking at a page, for what every page shows (the company, the person, the jurisdictions) and which links
 * it offers. It decides nothing: the services answer each call according to the person's token.
 */
@Named("viewer")
@RequestScoped
public class Viewer {
    static final String REGULATOR = "regulator";
    static final String AUTHOR = "disclosure-author";
    static final String PUBLISHER = "disclosure-publisher";
    static final String AUDITOR = "auditor";
    static final String MANAGER = "partnership-manager";
    static final String VIEWER = "partnership-viewer";

    private final SecurityIdentity identity;
    private final PortalConfig config;

    Viewer(SecurityIdentity identity, PortalConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public String company() {
        return config.company();
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** The person's user name, as Keycloak knows it. */
    public String name() {
        if (identity.isAnonymous()) {
            return "";
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("preferred_username") != null) {
            return token.getClaim("preferred_username").toString();
        }
        return identity.getPrincipal().getName();
    }

    /** The jurisdictions of a regulator's token ({@code jurisdictions} claim); none for anyone else. */
    public List<String> jurisdictions() {
        List<String> out = new ArrayList<>();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim("jurisdictions");
            if (claim instanceof Collection<?> values) {
                values.forEach(value -> out.add(unquoted(value.toString())));
            } else if (claim != null) {
                for (String value : claim.toString().split(",")) {
                    out.add(unquoted(value.strip()));
                }
            }
        }
        return out;
    }

    /** What the header says the person sees: the jurisdictions, or the public view, or the company's staff view. */
    public String scope() {
        if (!signedIn()) {
            return "Public view: every jurisdiction";
        }
        if (regulator()) {
            return "Jurisdiction: " + String.join(", ", jurisdictions());
        }
        return "Staff view: every jurisdiction";
    }

    public boolean regulator() {
        return identity.hasRole(REGULATOR);
    }

    public boolean author() {
        return identity.hasRole(AUTHOR);
    }

    public boolean publisher() {
        return identity.hasRole(PUBLISHER);
    }

    public boolean auditor() {
        return identity.hasRole(AUDITOR);
    }

    /** May read partnership records (the partnership-service's readers). */
    public boolean partnershipReader() {
        return identity.hasRole(MANAGER) || identity.hasRole(VIEWER) || identity.hasRole(AUDITOR);
    }

    /** May list disclosures (the disclosure-service's readers). */
    public boolean disclosureReader() {
        return regulator() || author() || publisher() || auditor();
    }

    public List<String> roles() {
        return identity.getRoles().stream().sorted().toList();
    }

    private static String unquoted(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
