/**
 * The offline verifier a regulator runs on a downloaded disclosure: {@link
 * dev.sightline.verifier.cli.VerifyDisclosure} checks the report's digest, its detached JWS
 * signature, the audit log checkpoint it attests and the consistency proof from the previous
 * disclosure's checkpoint, with nothing but the files and the services' published keys.
 */
package dev.sightline.verifier.cli;
