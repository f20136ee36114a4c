package dev.sightline.disclosure.disclosures;

/**
 * A disclosure in one download format, ready to serve.
 *
 * @param filename the file name it is saved as
 * @param digest the report's digest when the body is the report (in any format); null for the signature
 */
public record Download(byte[] body, String mediaType, String filename, String digest) {
}
