/**
 * Verdicts, statistics, thresholds and the authority-request register, derived from the log in the background.
 * The analytics read the log's tables ({@code log_entry}, {@code checkpoint}) by SQL and never its code; every
 * answer covers exactly the entries below a signed checkpoint it cites. Everything here is package-private except
 * what {@code analytics.rest} calls.
 */
package dev.sightline.audit.analytics;
