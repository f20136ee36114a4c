/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys from the JDK, and the
 * transparency-log checkpoints (c2sp.org/tlog-checkpoint) that the audit log signs, and the
 * witnesses' cosignatures of them (c2sp.org/tlog-cosignature, {@code cosignature/v1}).
 * Interoperates with golang.org/x/mod/sumdb/note and other standard note tools.
 */
package dev.sightline.verifier.note;
