package dev.sightline.deploy.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded soak of a local Sightline: appends access events to the audit-service at a steady rate for a number of
 * minutes and prints, every interval, the resident memory of each service (VmRSS of {@code /proc/<pid>/status})
 * and the errors so far, as a table with progress. It talks to loopback addresses only, and its duration and rate
 * are capped, so it cannot be pointed at, or left running against, anything but this machine's run.
 * {@code deploy/local/sightline soak} starts it with the pids of the services it started.
 */
public final class Soak {
    static final int MAX_MINUTES = 120;
    static final int MAX_RATE = 5000;
    static final int TICKS_PER_SECOND = 5;
    static final int MAX_IN_FLIGHT = 8;

    static final String USAGE = """
            usage: Soak --minutes N --rate R --partnership UUID --service NAME=PID [--service NAME=PID ...]
                        [--interval SECONDS] [--audit URL] [--keycloak URL]
              --minutes     how long to append, 1 to %d
              --rate        events a second, 1 to %d
              --interval    seconds between two rows of the table, 1 to 300 (default 10)
              --partnership the partnership the events name (one of the demo's)
              --service     a service whose resident memory to watch, by process id
              --audit       the audit-service (default http://localhost:8082; loopback only)
              --keycloak    Keycloak (default http://localhost:8180; loopback only)
            """.formatted(MAX_MINUTES, MAX_RATE);

    private Soak() {
    }

    /** What to run: checked here, so that a mistyped argument fails before anything is sent. */
    record Options(int minutes, int rate, int intervalSeconds, UUID partnership, Map<String, Long> services,
            URI audit, URI keycloak) {

        static Options parse(String... args) {
            Map<String, String> given = new LinkedHashMap<>();
            Map<String, Long> services = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + name + "'");
                }
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                if (name.equals("--service")) {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--service must be NAME=PID, not '" + value + "'");
                    }
                    services.put(value.substring(0, eq), number("--service " + value.substring(0, eq),
                            value.substring(eq + 1), 1, Long.MAX_VALUE));
                } else if (List.of("--minutes", "--rate", "--interval", "--partnership", "--audit", "--keycloak")
                        .contains(name)) {
                    if (given.put(name, value) != null) {
                        throw new IllegalArgumentException(name + " is given twice");
                    }
                } else {
                    throw new IllegalArgumentException("unknown option " + name);
                }
            }
            for (String required : List.of("--minutes", "--rate", "--partnership")) {
                if (!given.containsKey(required)) {
                    throw new IllegalArgumentException(required + " is required");
                }
            }
            if (services.isEmpty()) {
                throw new IllegalArgumentException("at least one --service NAME=PID is required");
            }
            UUID partnership;
            try {
                partnership = UUID.fromString(given.get("--partnership"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--partnership must be a UUID");
            }
            return new Options((int) number("--minutes", given.get("--minutes"), 1, MAX_MINUTES),
                    (int) number("--rate", given.get("--rate"), 1, MAX_RATE),
                    (int) number("--interval", given.getOrDefault("--interval", "10"), 1, 300), partnership,
                    services, loopback("--audit", given.getOrDefault("--audit", "http://localhost:8082")),
                    loopback("--keycloak", given.getOrDefault("--keycloak", "http://localhost:8180")));
        }

        long totalEvents() {
            return (long) minutes * 60 * rate;
        }

        private static long number(String name, String value, long min, long max) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                    + ", not '" + value + "'");
        }

        private static URI loopback(String name, String value) {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " is not a URL: '" + value + "'");
            }
            String host = uri.getHost();
            if (!"http".equals(uri.getScheme()) || host == null
                    || !(host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"))) {
                throw new IllegalArgumentException(name + " must be an http URL on this machine (localhost, "
                        + "127.0.0.1 or [::1]), not '" + value + "'");
            }
            return uri;
        }
    }

    /** One row of the table: where the run stands and what each service holds in memory then. */
    record Sample(long elapsedSeconds, long totalSeconds, long appended, long errors, double rate,
            Map<String, Long> rssBytes) {
    }

    static String header(List<String> services) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%8s %9s %10s %12s %8s", "elapsed",
                "progress", "events/s", "appended", "errors"));
        services.forEach(s -> line.append(String.format(Locale.ROOT, " %" + width(s) + "s", s + " RSS")));
        return line.toString();
    }

    static String row(Sample sample, List<String> services) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%8s %8d%% %10.0f %12d %8d",
                clock(sample.elapsedSeconds()), sample.totalSeconds() == 0 ? 100
                        : Math.min(100, sample.elapsedSeconds() * 100 / sample.totalSeconds()),
                sample.rate(), sample.appended(), sample.errors()));
        services.forEach(s -> line.append(String.format(Locale.ROOT, " %" + width(s) + "s",
                megabytes(sample.rssBytes().get(s)))));
        return line.toString();
    }

    /** A service's column: as wide as its heading. */
    private static int width(String service) {
        return service.length() + " RSS".length();
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    static String megabytes(Long bytes) {
        return bytes == null ? "gone" : String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }

    /** Resident memory in bytes from the text of {@code /proc/<pid>/status} ({@code VmRSS: 123 kB}), or null. */
    static Long rssOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return null;
    }

    static Long rss(long pid) {
        try {
            return rssOf(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return null; // the process is gone
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Run(options, System.out).run() == 0 ? 0 : 1);
    }

    /** The soak itself; returns the number of errors. */
    static final class Run {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String[] COUNTRIES = { "DE", "FR", "ES", "IT", "NL" };

        private final Options options;
        private final PrintStream out;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicLong appended = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong sequence = new AtomicLong();
        private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        private volatile String token;
        private volatile long tokenExpires;
        private volatile String lastError;

        Run(Options options, PrintStream out) {
            this.options = options;
            this.out = out;
        }

        long run() {
            List<String> names = new ArrayList<>(options.services().keySet());
            out.printf(Locale.ROOT, "soak: %d events/s for %d min (%,d events) to %s, partnership %s%n",
                    options.rate(), options.minutes(), options.totalEvents(), options.audit(), options.partnership());
            out.println(header(names));
            out.println(row(sample(0, 0), names));
            ExecutorService senders = Executors.newFixedThreadPool(MAX_IN_FLIGHT);
            long start = System.nanoTime();
            long total = options.minutes() * 60L;
            long ticks = total * TICKS_PER_SECOND;
            long due = 0;
            long lastRow = 0;
            long appendedAtLastRow = 0;
            try {
                for (long tick = 0; tick < ticks; tick++) {
                    sleepUntil(start + tick * 1_000_000_000L / TICKS_PER_SECOND);
                    long should = (tick + 1) * options.rate() / TICKS_PER_SECOND;
                    int batch = (int) (should - due);
                    due = should;
                    if (batch > 0) {
                        if (inFlight.tryAcquire()) {
                            senders.execute(() -> send(batch));
                        } else {
                            errors.addAndGet(batch); // the service does not keep up: count what was not sent
                            lastError = "behind: " + MAX_IN_FLIGHT + " batches still unanswered";
                        }
                    }
                    long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                    if (elapsed - lastRow >= options.intervalSeconds()) {
                        long now = appended.get();
                        out.println(row(sample(elapsed, (double) (now - appendedAtLastRow) / (elapsed - lastRow)),
                                names));
                        lastRow = elapsed;
                        appendedAtLastRow = now;
                    }
                }
            } finally {
                senders.shutdown();
                try {
                    senders.awaitTermination(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            out.println(row(sample(elapsed, (double) appended.get() / Math.max(1, elapsed)), names));
            out.printf(Locale.ROOT, "done: %,d events appended, %,d errors%s%n", appended.get(), errors.get(),
                    lastError == null ? "" : " (last: " + lastError + ")");
            return errors.get();
        }

        private Sample sample(long elapsed, double rate) {
            Map<String, Long> rss = new LinkedHashMap<>();
            options.services().forEach((name, pid) -> rss.put(name, rss(pid)));
            return new Sample(elapsed, options.minutes() * 60L, appended.get(), errors.get(), rate, rss);
        }

        private void send(int count) {
            try {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode events = body.putArray("events");
                for (int i = 0; i < count; i++) {
                    events.add(event(sequence.getAndIncrement()));
                }
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(options.audit()
                        .resolve("/api/v1/events/batch")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token())
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    appended.addAndGet(count);
                } else {
                    if (response.statusCode() == 401) {
                        tokenExpires = 0;
                    }
                    errors.addAndGet(count);
                    lastError = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
                }
            } catch (IOException | RuntimeException e) {
                errors.addAndGet(count);
                lastError = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.release();
            }
        }

        private ObjectNode event(long n) {
            ObjectNode e = JSON.createObjectNode();
            e.put("eventId", UUID.randomUUID().toString());
            e.put("occurredAt", Instant.now().toString());
            e.put("partnershipId", options.partnership().toString());
            e.putObject("actor").put("type", "PARTNER_SYSTEM").put("id", "soak");
            e.put("action", "INFERENCE");
            e.put("feature", "assistant");
            e.putArray("dataCategories").add("user.content.voice");
            e.put("recordCount", 1);
            e.put("subjectRef", subject(n % 100_000));
            e.putObject("processing").put("mode", "ON_DEVICE").put("country", COUNTRIES[(int) (n % COUNTRIES.length)]);
            e.put("purpose", "voice-assistance");
            e.put("outcome", "ALLOWED");
            return e;
        }

        /** A subject pseudonym in the audit log's format: {@code ps_} and a base64url SHA-256 of the soak's number. */
        private static String subject(long n) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(("soak/" + n).getBytes(StandardCharsets.UTF_8));
                return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The gateway's client-credentials token (role audit-writer), fetched again shortly before it expires. */
        private synchronized String token() throws IOException, InterruptedException {
            if (token != null && System.nanoTime() < tokenExpires) {
                return token;
            }
            String secret = System.getenv().getOrDefault("ASSISTANT_GATEWAY_SECRET", "assistant-gateway-secret");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(options.keycloak()
                    .resolve("/realms/sightline/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + "assistant-gateway&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Keycloak refused the gateway's token: HTTP " + response.statusCode());
            }
            JsonNode answer = JSON.readTree(response.body());
            token = answer.path("access_token").asText();
            tokenExpires = System.nanoTime() + Duration.ofSeconds(Math.max(5,
                    answer.path("expires_in").asLong(60) - 30)).toNanos();
            return token;
        }

        private static String abbreviate(String text) {
            return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }

        private static void sleepUntil(long nanos) {
            long wait = nanos - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
