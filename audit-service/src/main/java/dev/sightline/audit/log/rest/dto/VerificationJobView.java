package dev.sightline.audit.log.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A verification run and how far it got. */
@Schema(name = "VerificationJob")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationJobView(
        UUID id,
        @Schema(description = "QUEUED, RUNNING, DONE (the result is there) or FAILED (see error)") State state,
        String requestedBy,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        Progress progress,
        @Schema(description = "The position the run continued from after a restart interrupted it")
        Long resumedFrom,
        @Schema(description = "The verdict, when DONE") VerificationView result,
        @Schema(description = "Why the run failed, when FAILED") String error) {

    @Schema(name = "VerificationJobState")
    public enum State {
        QUEUED, RUNNING, DONE, FAILED
    }

    /** Entries checked of the total, and the rate since the run last (re)started. */
    @Schema(name = "VerificationProgress")
    public record Progress(
            long checked,
            @Schema(nullable = true, description = "Entries to check: up to the newest stored checkpoint, or the largest known "
                    + "checkpoint the log covers; absent until the run starts") Long total,
            @Schema(description = "Entries per second since the run last (re)started") long ratePerSecond) {
    }
}
