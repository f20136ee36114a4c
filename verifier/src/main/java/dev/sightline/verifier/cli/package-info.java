/**
 * The offline verifier a regulator runs on a downloaded disclosure: {@link
 * dev.sightline.verifier.cli.VerifyDisclosure} checks the report (as JSON, or attached to the PDF) for its
 * digest, its detached JWS signature, the audit log checkpoint it attests and the consistency proof from the
 * previous disclosure's checkpoint; checks any file served for the disclosure (the CSV among them) against the
 * disclosure's signed manifest; and holds every key used to the fingerprints the user expects, with nothing but
 * the files and the services' published keys. It first says in plain words what was published and what the
 * checks prove and do not.
 */
package dev.sightline.verifier.cli;
