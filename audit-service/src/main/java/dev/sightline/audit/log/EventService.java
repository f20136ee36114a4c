package dev.sightline.audit.log;

import dev.sightline.audit.log.rest.dto.AppendedView;
import dev.sightline.audit.log.rest.dto.EntryPage;
import dev.sightline.audit.log.rest.dto.EntryView;
import dev.sightline.audit.log.rest.dto.EventRequest;
import dev.sightline.support.problem.ProblemException;
import dev.sightline.support.rest.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Appending events and reading entries back. */
@ApplicationScoped
public class EventService {
    private final LogAppender appender;
    private final LogEntryRepository entries;
    private final LogConfig config;

    EventService(LogAppender appender, LogEntryRepository entries, LogConfig config) {
        this.appender = appender;
        this.entries = entries;
        this.config = config;
    }

    /** Appends one event; answers once it is durable. */
    public AppendedView appendOne(EventRequest event) {
        EventValidator.validate(event);
        return append(List.of(event)).get(0);
    }

    /** Appends the events, all or none; answers once they are durable. */
    public List<AppendedView> appendBatch(List<EventRequest> events) {
        EventValidator.validate(events, config.append().maxBatchEvents());
        return append(events);
    }

    private List<AppendedView> append(List<EventRequest> events) {
        return appender.append(EntryFactory.prepareAll(events, Instant.now())).stream()
                .map(a -> new AppendedView(a.eventId(), a.seq(), base64(a.leafHash()), a.duplicate()))
                .toList();
    }

    public EntryView find(long seq) {
        LogEntryRecord entry = entries.findByIdOptional(seq)
                .orElseThrow(() -> ProblemException.notFound("No entry with seq " + seq));
        return view(entry);
    }

    public EntryPage search(EntryFilter filter, long after, int limit) {
        Slice<LogEntryRecord> page = Slice.of(entries.search(filter, after, limit + 1), limit);
        return new EntryPage(page.map(EventService::view), page.next(entry -> entry.seq));
    }

    private static EntryView view(LogEntryRecord entry) {
        return new EntryView(entry.seq, base64(entry.leafHash), entry.entry);
    }

    static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
