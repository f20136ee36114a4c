/**
 * What an offline verifier needs from this service: the key that signs published reports (served as a JWK set)
 * and the JSON Schema every report validates against.
 */
package dev.sightline.disclosure.verification;
