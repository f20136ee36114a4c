/**
 * What a disclosure is built from: the partnership-service's and the audit-service's answers, parsed once into
 * records by the REST clients and gathered by {@link dev.sightline.disclosure.snapshot.SnapshotCollector} before
 * anything is stored.
 *
 * <p>The records read only the members a disclosure uses and ignore the rest, so either service may add members
 * without breaking generation. Vocabularies the other services own (statuses, risk classes, violation kinds,
 * threshold regimes) stay strings: a disclosure states them, it does not interpret them.
 *
 * <p>The parts a report copies as they are (partner, features, data policy, transfers, legal bases, assessments,
 * filings, status changes, figures, the checkpoint) are these same records, so changing one changes the signed
 * report; {@code ReportGoldenTest} pins its bytes.
 */
package dev.sightline.disclosure.snapshot;
