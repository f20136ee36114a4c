/**
 * Compact JWS with a detached payload (RFC 7515 appendix F) signed with EdDSA over Ed25519
 * (RFC 8037): the signature the disclosure-service puts on each published report.
 */
package dev.sightline.verifier.jws;
