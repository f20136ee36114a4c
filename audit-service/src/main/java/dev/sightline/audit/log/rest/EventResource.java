package dev.sightline.audit.log.rest;

import dev.sightline.audit.log.EventService;
import dev.sightline.audit.log.EntryFilter;
import dev.sightline.audit.log.LogVocabulary.Action;
import dev.sightline.audit.log.rest.dto.AppendedView;
import dev.sightline.audit.log.rest.dto.BatchView;
import dev.sightline.audit.log.rest.dto.EntryPage;
import dev.sightline.audit.log.rest.dto.EntryView;
import dev.sightline.audit.log.rest.dto.EventBatchRequest;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.support.rest.QueryParams;
import dev.sightline.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(name = ApiTags.EVENTS, description = ApiTags.EVENTS_DESCRIPTION)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {
    private final EventService service;

    EventResource(EventService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(Roles.AUDIT_WRITER)
    @Operation(summary = "Append one event", description = "Role: audit-writer. Answered once the entry is durably "
            + "committed. Repeating an eventId with the same content returns the original entry (200); with "
            + "other content it is refused (409).")
    @APIResponse(responseCode = "201", description = "Appended; Location names the entry",
            content = @Content(schema = @Schema(implementation = AppendedView.class)))
    @APIResponse(responseCode = "200", description = "Already in the log: the original entry",
            content = @Content(schema = @Schema(implementation = AppendedView.class)))
    @APIResponse(responseCode = "400", description = "Invalid event; nothing stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an audit-writer")
    @APIResponse(responseCode = "409", description = "The eventId is in the log with other content")
    @APIResponse(responseCode = "503", description = "The commit was not confirmed in time "
            + "(sightline.log.append.timeout) or the database is unreachable: the event may not have been stored; retry with the same eventId")
    public Response append(EventRequest event) {
        // validated by the service (EventValidator), not by Bean Validation: see there why
        AppendedView appended = service.appendOne(event);
        return appended.duplicate() ? Response.ok(appended).build()
                : Response.created(URI.create("/api/v1/events/" + appended.seq())).entity(appended).build();
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.AUDIT_WRITER)
    @Operation(summary = "Append up to 1000 events, all or none", description = "Role: audit-writer. One invalid "
            + "event refuses the batch and nothing is stored. Entries come back in the order posted.")
    @APIResponse(responseCode = "201", description = "Appended (some entries may be duplicates of earlier ones)",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = "Every event was already in the log",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "An invalid event; nothing stored")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an audit-writer")
    @APIResponse(responseCode = "409", description = "An eventId is in the log with other content; nothing stored")
    @APIResponse(responseCode = "503", description = "The commit was not confirmed in time "
            + "(sightline.log.append.timeout) or the database is unreachable: the events may not have been stored; retry with the same eventIds")
    public Response appendBatch(EventBatchRequest batch) {
        List<AppendedView> entries = service.appendBatch(batch == null ? null : batch.events());
        boolean anyNew = entries.stream().anyMatch(e -> !e.duplicate());
        return Response.status(anyNew ? 201 : 200).entity(new BatchView(entries)).build();
    }

    @GET
    @Path("/{seq}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Read one entry", description = "Role: auditor. SHA-256(0x00 || JCS(entry)) equals leafHash.")
    @APIResponse(responseCode = "200", description = "The entry",
            content = @Content(schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "400", description = "seq is negative")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "404", description = "No entry with that seq (also when seq is not a whole number)")
    public EntryView find(@PathParam("seq") @Min(0) long seq) {
        return service.find(seq);
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "List entries in log order", description = "Role: auditor. Filters combine; pass the "
            + "page's next as after for the following page.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = EntryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    public EntryPage search(
            @QueryParam("partnershipId") @Parameter(schema = @Schema(format = "uuid")) String partnershipId,
            @QueryParam("actorId") @Parameter(schema = @Schema(maxLength = 200)) String actorId,
            @QueryParam("action") @Parameter(schema = @Schema(implementation = Action.class)) String action,
            @Parameter(description = "A data category; matches its children too") @QueryParam("category")
            @Pattern(regexp = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*", message = "must be a dotted data-category key")
            String category,
            @Parameter(description = "occurredAt at or after", schema = @Schema(format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "occurredAt before", schema = @Schema(format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Cursor: the seq after which to start", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64", minimum = "-1", defaultValue = "-1")) @QueryParam("after") String after,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                    defaultValue = "100")) @QueryParam("limit") String limit) {
        Action parsedAction = QueryParams.enumValue("action", action, Action.class);
        return service.search(new EntryFilter(QueryParams.uuid("partnershipId", partnershipId),
                QueryParams.text("actorId", actorId, 200), parsedAction == null ? null : parsedAction.name(),
                category, QueryParams.instant("from", from), QueryParams.instant("to", to)),
                QueryParams.wholeNumber("after", after, -1, Long.MAX_VALUE, -1),
                (int) QueryParams.wholeNumber("limit", limit, 1, 500, 100));
    }
}
