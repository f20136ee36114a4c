/**
 * Disclosures: the workflow (generate, regenerate, publish under the four-eyes rule, supersede, withdraw, discard),
 * storage ({@code domain}) and the HTTP API ({@code rest}). The service returns views and downloads, never the
 * entity; the resource maps HTTP to its calls and nothing more.
 */
package dev.sightline.disclosure.disclosures;
