package dev.sightline.disclosure.snapshot;

/**
 * The audit-service key that signed the checkpoint a report attests: its note key id (hex, as in the signed note)
 * and the RFC 7638 SHA-256 thumbprint of its JWK, which a regulator compares with the key set it downloads.
 */
public record LogKey(String noteKeyId, String thumbprint) {
}
