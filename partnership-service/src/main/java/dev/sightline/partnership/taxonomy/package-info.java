/** The fixed, versioned data-category taxonomy and its endpoint ({@code /api/v1/taxonomy}). */
package dev.sightline.partnership.taxonomy;
