/**
 * What an offline verifier needs from this service: the key that signs published reports (served as a JWK set),
 * the JSON Schema every report validates against, and the offline verifier itself with its SHA-256.
 */
package dev.sightline.disclosure.verification;
