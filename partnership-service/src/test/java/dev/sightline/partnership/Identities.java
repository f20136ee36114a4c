package dev.sightline.partnership;

import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.Set;

/**
 * Switches the caller inside a test that carries {@code @TestSecurity}: four-eyes needs two users in one story,
 * a role matrix needs every role. The security test extension resets the identity after each test.
 */
public final class Identities {
    private Identities() {
    }

    public static void actAs(String user, String... roles) {
        association().setTestIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user))
                .addRoles(Set.of(roles)).build());
    }

    /** Requests carry no token at all. */
    public static void anonymous() {
        association().setTestIdentity(null);
    }

    private static TestIdentityAssociation association() {
        return Arc.container().instance(TestIdentityAssociation.class).get();
    }
}
