/**
 * The partnership domain: a {@code PartnershipRecord} (its content, lifecycle status and revision bookkeeping) and
 * the rules on it: the lifecycle ({@code PartnershipStatus}), the cross-field checks of the content, the
 * {@code ActivationGate} and {@code PolicyWidening} (which changes of an approved record wait as its
 * {@code PendingChange} for a second approval). Nothing here knows HTTP or SQL.
 */
package dev.sightline.partnership.partnerships.domain;
