package dev.sightline.audit.analytics;

import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.security.RegulatorScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Which partnerships' figures a regulator may read: those offered in a market of its jurisdictions. */
@ApplicationScoped
public class RegulatorVisibility {
    private final Snapshots snapshots;

    RegulatorVisibility(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * A regulator reads the figures of one partnership offered in a market of its jurisdictions; any other is
     * 404, so it cannot even learn that the partnership has figures here.
     */
    public void require(UUID partnershipId, RegulatorScope scope) {
        if (!scope.scoped()) {
            return;
        }
        if (partnershipId == null) {
            throw ProblemException.invalidField("partnershipId",
                    "a regulator reads the figures of one partnership of its jurisdictions: name it");
        }
        boolean visible = snapshots.read(c -> visiblePartnerships(c, scope).contains(partnershipId));
        if (!visible) {
            throw ProblemException.notFound("No partnership " + partnershipId + " with figures in "
                    + String.join(", ", scope.jurisdictions()));
        }
    }

    /** The partnerships a regulator may read, for lists that show it only those. */
    public List<UUID> visible(RegulatorScope scope) {
        return snapshots.read(c -> visiblePartnerships(c, scope));
    }

    /** Partnerships whose policy, in any revision the verdict stage has seen, names a market the scope covers. */
    static List<UUID> visiblePartnerships(Connection c, RegulatorScope scope) throws SQLException {
        List<UUID> visible = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT partnership_id, string_agg(markets, ',') "
                + "FROM policy_revision GROUP BY partnership_id"); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (scope.mayReadMarkets(List.of(rows.getString(2).split(",")))) {
                    visible.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return visible;
    }
}
