package dev.sightline.disclosure.snapshot;

import java.util.List;
import java.util.UUID;

/** The previous published disclosure of a jurisdiction: its checkpoint and the consistency proof to this one's. */
public record PreviousDisclosure(UUID disclosureId, long size, String root, List<String> consistencyProof) {
}
