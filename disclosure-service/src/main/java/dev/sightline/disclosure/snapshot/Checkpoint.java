package dev.sightline.disclosure.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A signed checkpoint of the audit log: tree size, base64 root hash and the signed note. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkpoint(long size, String root, String note) {
}
