package dev.sightline.support.security;

/** The realm roles of the {@code sightline} Keycloak realm, as carried in access tokens. */
public final class Roles {
    public static final String PARTNERSHIP_MANAGER = "partnership-manager";
    public static final String PARTNERSHIP_VIEWER = "partnership-viewer";
    public static final String AUDIT_WRITER = "audit-writer";
    public static final String AUDITOR = "auditor";
    public static final String DISCLOSURE_AUTHOR = "disclosure-author";
    public static final String DISCLOSURE_PUBLISHER = "disclosure-publisher";
    public static final String REGULATOR = "regulator";

    /** Token claim that scopes a regulator to its jurisdictions, e.g. {@code ["EU"]}. */
    public static final String JURISDICTIONS_CLAIM = "jurisdictions";

    /** Name of the OpenAPI security scheme every service declares. */
    public static final String SECURITY_SCHEME = "keycloak";

    private Roles() {
    }
}
