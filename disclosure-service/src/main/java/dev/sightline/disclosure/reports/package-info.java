/**
 * The report: the one JSON document a disclosure states, digested and signed, and the CSV and PDF drawn from it.
 *
 * <p>{@link dev.sightline.disclosure.reports.Report} is its model: records whose members are exactly the
 * report's, every one always present (null or empty where there is nothing to say), as the JSON Schema
 * {@code schemas/disclosure.json} requires. {@link dev.sightline.disclosure.reports.ReportJson} turns it into
 * RFC 8785 canonical bytes and back with its own mapper, so the signed bytes never depend on how the application
 * configures Jackson. {@link dev.sightline.disclosure.reports.ReportBuilder} fills it from a snapshot through a
 * jurisdiction's template, with the words of {@link dev.sightline.disclosure.reports.ReportText} (labels and
 * methodology, data under {@code report/}); {@link dev.sightline.disclosure.reports.ReportFigures} turns it into
 * the rows that the CSV and the PDF print, so the three formats cannot drift apart. The PDF is printed in one
 * embedded font ({@link dev.sightline.disclosure.reports.ReportFont}); text it cannot print fails the rendering.
 */
package dev.sightline.disclosure.reports;
