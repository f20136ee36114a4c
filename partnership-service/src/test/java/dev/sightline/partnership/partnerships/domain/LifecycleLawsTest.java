package dev.sightline.partnership.partnerships.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Laws of the lifecycle over many seeded random walks; a failure names its seed. */
class LifecycleLawsTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1, 7, 42, 1234, 20261129, 987654321 })
    void randomWalksKeepTheLawsOfTheLifecycle(long seed) {
        Random random = new Random(seed);
        for (int walk = 0; walk < 500; walk++) {
            PartnershipStatus status = PartnershipStatus.DRAFT;
            List<PartnershipStatus> path = new ArrayList<>(List.of(status));
            boolean approved = false;
            for (int step = 0; step < 30; step++) {
                PartnershipStatus target = PartnershipStatus.values()[random.nextInt(PartnershipStatus.values().length)];
                boolean allowed = status.canMoveTo(target);
                assertEquals(status.next().contains(target), allowed, "seed " + seed + " path " + path);
                if (!allowed) {
                    continue;
                }
                String where = "seed " + seed + " path " + path + " → " + target;
                assertTrue(target != status, where);
                if (target == PartnershipStatus.ACTIVE) {
                    assertTrue(approved, "ACTIVE only after APPROVED: " + where);
                }
                if (target == PartnershipStatus.APPROVED) {
                    assertEquals(PartnershipStatus.UNDER_REVIEW, status, where);
                    approved = true;
                }
                if (target == PartnershipStatus.DRAFT) {
                    assertTrue(status == PartnershipStatus.UNDER_REVIEW || status == PartnershipStatus.APPROVED,
                            "only a rejected review or a withdrawn approval returns to DRAFT: " + where);
                    approved = false;
                }
                status = target;
                path.add(status);
            }
            if (path.contains(PartnershipStatus.TERMINATED)) {
                assertEquals(PartnershipStatus.TERMINATED, path.get(path.size() - 1), "TERMINATED is final: " + path);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "DRAFT", "UNDER_REVIEW", "APPROVED", "ACTIVE", "SUSPENDED", "TERMINATED" })
    void editableExactlyWhereNoReviewOrApprovalIsPending(String name) {
        PartnershipStatus status = PartnershipStatus.valueOf(name);
        Set<PartnershipStatus> editable = EnumSet.of(PartnershipStatus.DRAFT, PartnershipStatus.ACTIVE,
                PartnershipStatus.SUSPENDED);
        assertEquals(editable.contains(status), status.editable());
        assertFalse(status.canMoveTo(status));
    }
}
