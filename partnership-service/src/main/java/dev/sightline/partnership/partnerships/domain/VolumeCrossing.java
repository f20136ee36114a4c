package dev.sightline.partnership.partnerships.domain;

import dev.sightline.partnership.taxonomy.Taxonomy;
import java.util.List;
import java.util.UUID;

/**
 * A regulatory volume threshold the company's data already crosses, as the audit-service counts it from the log:
 * which data it counts, whose ({@code counterparty} for a regime that counts per counterparty, else null: every
 * partnership of the company), the transfers it concerns (from an origin in {@code transfersFrom}) and the
 * mechanisms any of which covers what it requires (none: prohibited).
 */
public record VolumeCrossing(String regime, String category, UUID counterparty, long count, String comparator,
        long threshold, String consequence, String source, List<String> transfersFrom, List<String> dataCategories,
        List<String> excludedDataCategories, List<TransferMechanism> coveredBy) {

    /** Whether the crossing counts data of {@code key} (a taxonomy key). */
    public boolean counts(String key) {
        return dataCategories.stream().anyMatch(c -> Taxonomy.covers(c, key))
                && excludedDataCategories.stream().noneMatch(c -> Taxonomy.covers(c, key));
    }

    @Override
    public String toString() {
        return regime + " " + category + " (" + count + " " + comparator + " " + threshold + ", " + source + ")";
    }
}
