/**
 * Partnership records ({@code /api/v1/partnerships}): REST requests are mapped once into the domain model
 * ({@code domain}), whose rules decide what may change and when; {@code storage} keeps each revision as JSON;
 * views are mapped out of the domain records.
 */
package dev.sightline.partnership.partnerships;
