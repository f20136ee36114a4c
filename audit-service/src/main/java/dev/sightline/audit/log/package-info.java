/**
 * The append-only access log: appending events as RFC 8785 entries, the RFC 9162 Merkle tree over them, C2SP
 * signed checkpoints, inclusion and consistency proofs, and verification of the whole log against every
 * checkpoint. Everything here is package-private except what {@code log.rest} calls and the entry format the
 * benchmarks write.
 */
package dev.sightline.audit.log;
