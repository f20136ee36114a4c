/** Partner organisations: register, read, list and replace them ({@code /api/v1/partners}). */
package dev.sightline.partnership.partners;
