/**
 * RFC 9162 Merkle tree arithmetic for the audit log: leaf and node hashing, tree heads,
 * inclusion and consistency proofs (generation and verification), and an incremental
 * frontier that lets a server append leaves while keeping only O(log n) hashes in memory.
 *
 * <p>Hashes are always 32-byte SHA-256 values. Byte arrays handed to and returned by this
 * package are treated as values: callers must not mutate them after passing them in.
 */
package dev.sightline.verifier.merkle;
