package dev.sightline.disclosure.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A lifecycle transition of a partnership: who moved it from where to where, when and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusChange(String from, String to, String actor, String reason, Instant at) {
}
