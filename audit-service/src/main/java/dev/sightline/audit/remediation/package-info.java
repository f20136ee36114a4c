/**
 * Remediation records: what the company did about a kind of violation in a partnership, as an auditor recorded it
 * (a status and a text). Every change is a new revision in {@code remediation}, which like the log is never
 * updated or deleted, and is itself recorded in the log as a governance entry through the event API's own append
 * path, before the revision is committed: no revision without its entry. The analytics read the table by SQL to
 * give each kind of violation in the figures its latest remediation.
 */
package dev.sightline.audit.remediation;
