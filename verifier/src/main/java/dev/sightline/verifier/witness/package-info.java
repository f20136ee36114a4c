/**
 * The c2sp.org/tlog-witness protocol: the {@code add-checkpoint} request body that a log sends its witnesses, and
 * the witness's checks and answers (cosign, or refuse with the status the spec names). The witness service runs
 * {@link dev.sightline.verifier.witness.Witness} over a durable state file; the audit-service formats requests
 * with {@link dev.sightline.verifier.witness.AddCheckpointRequest}.
 */
package dev.sightline.verifier.witness;
