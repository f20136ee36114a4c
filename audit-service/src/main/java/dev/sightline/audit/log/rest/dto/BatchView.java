package dev.sightline.audit.log.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The entries of a batch, in the order the events were posted. */
@Schema(name = "BatchResult")
public record BatchView(List<AppendedView> entries) {
}
