/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the byte-exact form of an audit entry that its
 * leaf hash covers.
 */
package dev.sightline.verifier.json;
