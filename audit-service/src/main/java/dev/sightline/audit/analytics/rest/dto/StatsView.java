package dev.sightline.audit.analytics.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Exact figures of one activity (user-data access or governance activity, never both) for a period, with the
 * checkpoint they were computed at.
 */
@Schema(name = "Stats", example = """
        {"partnershipId": "6f1c2a9e-3b7d-4c55-8e21-9a4b7f0d2c13", "activity": "ACCESS", "from": "2026-01-01T00:00:00Z",
         "to": "2027-01-01T00:00:00Z", "checkpoint": {"size": 1234, "root": "x2c0..."},
         "totals": {"value": null, "events": 1200, "records": 1300, "subjects": 410},
         "breakdowns": [{"dimension": "category", "groups": [
             {"value": "user.content.voice", "events": 1200, "records": 1300, "subjects": 410}]}],
         "unclassified": 0}""")
public record StatsView(@Schema(description = "null when all partnerships are counted", nullable = true)
        UUID partnershipId,
        @Schema(description = "The activity these figures count: ACCESS (entries naming at least one data category) "
                + "or GOVERNANCE (entries naming none)") Activity activity,
        @Schema(nullable = true) Instant from, @Schema(nullable = true) Instant to, CheckpointRef checkpoint,
        Figures totals,
        List<Breakdown> breakdowns,
        @Schema(description = "Entries of the period (and partnership) below the checkpoint that the analytics could "
                + "not classify (quarantined, e.g. a row that cannot be read): counted in none of the figures above, "
                + "of either activity")
        long unclassified) {

    /**
     * What an entry records. An entry that names at least one data category is user-data access: what the partner's
     * AI and the company's features did with user data. An entry that names no data category is governance activity:
     * record keeping, such as reads and writes of partnership records and regulators' downloads of disclosures.
     */
    @Schema(name = "StatsActivity", description = "ACCESS: entries naming at least one data category (what the "
            + "partner's AI and the company's features did with user data). GOVERNANCE: entries naming no data "
            + "category (record keeping: reads and writes of partnership records, regulators' downloads of "
            + "disclosures). The two are counted separately, never together.")
    public enum Activity {
        ACCESS, GOVERNANCE
    }

    @Schema(name = "StatsFigures", description = "Events, the sum of their recordCount, and distinct subjectRefs")
    public record Figures(@Schema(description = "The group's value; null for totals and for entries without one",
            nullable = true) String value, long events, long records, long subjects) {
    }

    @Schema(name = "StatsBreakdown", description = "An entry counts once under each of its data categories")
    public record Breakdown(String dimension, List<Figures> groups) {
    }
}
