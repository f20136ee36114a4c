package dev.sightline.partnership.partnerships.domain;

import java.util.List;

/**
 * A change to an ACTIVE or SUSPENDED partnership that widens its data policy: it waits, not in force, until a
 * partnership manager other than the one who proposed it approves it. {@code widenings} say how it widens.
 */
public record PendingChange(PartnershipContent content, Stamp proposed, List<String> widenings) {
    public PendingChange {
        widenings = List.copyOf(widenings);
    }
}
