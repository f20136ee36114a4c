package dev.sightline.audit.log.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Up to 1000 events, validated all together: one bad event refuses the whole batch. */
@Schema(name = "EventBatch")
public record EventBatchRequest(
        @NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid EventRequest> events) {
}
