/**
 * Partnerships in PostgreSQL: the current state with the columns lists filter on, the immutable revisions, and
 * the JSON form of a record both store ({@code PartnershipSnapshots}).
 */
package dev.sightline.partnership.partnerships.storage;
