/**
 * The partnership domain: a {@code PartnershipRecord} (its content, lifecycle status and revision bookkeeping) and
 * the rules on it: the lifecycle ({@code PartnershipStatus}), the cross-field checks of the content and the
 * {@code ActivationGate}. Nothing here knows HTTP or SQL.
 */
package dev.sightline.partnership.partnerships.domain;
