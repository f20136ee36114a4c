package dev.sightline.audit.log;

import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleProofs;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.Cosignature;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.SignedNote;
import dev.sightline.verifier.witness.AddCheckpointRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Asks every configured witness (c2sp.org/tlog-witness) to cosign the newest signed checkpoint, each on a thread of
 * its own, so a witness that is down, slow or refusing never holds up appending, signing or another witness. A
 * witness is sent the size it last cosigned (0 at first; on a 409 the size it reports) with the consistency proof
 * from there; its cosignature is verified with its configured key before it is stored. A failing witness is asked
 * again after a delay that doubles up to {@code sightline.witness.max-retry-delay}; each change between cosigning
 * and failing is logged once, and counted per witness in metrics and the {@code witnesses} health group.
 *
 * <p>Verification reads back what each witness holds ({@link #held()}): the latest checkpoint of this log it
 * cosigned, which the stored log must still agree with.
 */
@ApplicationScoped
class Witnesses {
    private final WitnessConfig config;
    private final String origin;
    private final SigningKeys keys;
    private final MerkleTreeStore store;
    private final Cosignatures cosignatures;
    private final MeterRegistry registry;
    private final List<Tracker> trackers = new ArrayList<>();
    private final HttpClient http;
    private volatile CheckpointRecord newest;

    Witnesses(WitnessConfig config, LogConfig log, SigningKeys keys, MerkleTreeStore store, Cosignatures cosignatures,
            MeterRegistry registry) {
        this.config = config;
        this.origin = log.origin();
        this.keys = keys;
        this.store = store;
        this.cosignatures = cosignatures;
        this.registry = registry;
        // HTTP/1.1 keep-alive, as tlog-witness suggests; no h2c upgrade attempts on plain http
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .build();
        if (config.quorum() < 0 || config.quorum() > config.witnesses().size()) {
            throw new IllegalStateException("sightline.witness.quorum is " + config.quorum() + " but "
                    + config.witnesses().size() + " witness(es) are configured");
        }
        new TreeMap<>(config.witnesses()).forEach((name, witness) -> trackers.add(new Tracker(name,
                witness.url().replaceAll("/+$", ""), CosignatureVerifier.parse(witness.key().strip()))));
    }

    void start(@Observes StartupEvent event) {
        for (Tracker tracker : trackers) {
            Thread thread = new Thread(tracker, "witness-" + tracker.name);
            thread.setDaemon(true);
            thread.start();
            Log.infof("Checkpoints are sent to witness %s at %s (key %s)", tracker.name, tracker.url,
                    tracker.key.encoded());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        trackers.forEach(Tracker::stop);
    }

    /** A checkpoint was signed (or found at start): every witness is asked for it next. Never blocks. */
    void offer(CheckpointRecord signed) {
        CheckpointRecord current = newest;
        if (current != null && current.treeSize >= signed.treeSize) {
            return;
        }
        newest = signed;
        trackers.forEach(Tracker::wake);
    }

    /** The configured witnesses' state, for health and tests. */
    List<WitnessStatus> status() {
        return trackers.stream().map(Tracker::status).toList();
    }

    int quorum() {
        return config.quorum();
    }

    /**
     * What one witness holds of this log: the note of the latest checkpoint it cosigned (signed by a key of this log,
     * cosigned by the witness's configured key), or why none could be had.
     */
    record Held(String witness, String note, String problem) {
        /** The checkpoint of the note, which was checked when it was read. */
        Checkpoint checkpoint() {
            return Checkpoint.parse(note.substring(0, note.lastIndexOf("\n\n") + 1));
        }
    }

    /**
     * Asks every configured witness for the latest checkpoint of this log it cosigned ({@code GET <url>/logs/<origin>
     * /checkpoint}), one after the other; an answer that is not this log's checkpoint cosigned by the witness's key is
     * a problem, like no answer.
     */
    List<Held> held() {
        return trackers.stream().map(this::held).toList();
    }

    private Held held(Tracker tracker) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(tracker.checkpointUrl).timeout(config.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Held(tracker.name, null, "no answer from " + tracker.checkpointUrl + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Held(tracker.name, null, "interrupted");
        }
        if (response.statusCode() == 404) {
            return new Held(tracker.name, null, "it has cosigned no checkpoint of this log");
        }
        if (response.statusCode() != 200) {
            return new Held(tracker.name, null, "HTTP " + response.statusCode() + " from " + tracker.checkpointUrl
                    + ": " + firstLine(response.body()));
        }
        String note = response.body();
        try {
            SignedNote opened = SignedNote.open(note, keys.all());
            Checkpoint checkpoint = Checkpoint.parse(opened.text());
            if (!checkpoint.origin().equals(origin)) {
                return new Held(tracker.name, null, "it answered a checkpoint of another log (" + checkpoint.origin()
                        + ")");
            }
            tracker.key.verify(opened);
        } catch (NoteException | IllegalArgumentException e) {
            return new Held(tracker.name, null, "its answer is not this log's checkpoint cosigned by its key: "
                    + e.getMessage());
        }
        return new Held(tracker.name, note, null);
    }

    /** One witness's state: whether its last attempt succeeded, the size it last cosigned, and why it failed. */
    record WitnessStatus(String name, String url, boolean up, long cosignedSize, long failures, String lastError) {
    }

    private final class Tracker implements Runnable {
        final String name;
        final URI url;
        final URI checkpointUrl;
        final CosignatureVerifier key;
        private final Object signal = new Object();
        private volatile boolean running = true;
        private volatile long knownSize;
        private volatile long cosignedSize = -1;
        private volatile boolean up = true;
        private volatile String lastError;
        private volatile long failures;
        private Duration delay;
        private boolean woken;

        Tracker(String name, String base, CosignatureVerifier key) {
            this.name = name;
            this.url = URI.create(base + "/add-checkpoint");
            this.checkpointUrl = URI.create(base + "/logs/" + origin + "/checkpoint");
            this.key = key;
            this.delay = config.retryDelay();
            // held strongly, as long as the service: a weakly held gauge vanishes once a collection takes its object
            Gauge.builder("sightline.witness.cosigned.size", this, t -> t.cosignedSize).tag("witness", name)
                    .description("Tree size of the newest checkpoint the witness cosigned").strongReference(true)
                    .register(registry);
            Gauge.builder("sightline.witness.up", this, t -> t.up ? 1 : 0).tag("witness", name)
                    .description("1 while the witness's last answer was a cosignature").strongReference(true)
                    .register(registry);
        }

        WitnessStatus status() {
            return new WitnessStatus(name, url.toString(), up, cosignedSize, failures, lastError);
        }

        void wake() {
            synchronized (signal) {
                woken = true;
                signal.notifyAll();
            }
        }

        void stop() {
            running = false;
            wake();
        }

        @Override
        public void run() {
            while (running) {
                CheckpointRecord target = newest;
                if (target == null || target.treeSize == cosignedSize) {
                    await(null);
                    continue;
                }
                boolean done;
                try {
                    done = attempt(target);
                } catch (RuntimeException e) {
                    done = fail(target, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                if (!done) {
                    await(delay);
                    delay = delay.multipliedBy(2).compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay()
                            : delay.multipliedBy(2);
                }
            }
        }

        /** Waits for a new checkpoint, or (after a failure) for the retry delay, whichever comes first. */
        private void await(Duration timeout) {
            synchronized (signal) {
                try {
                    if (!woken && running) {
                        signal.wait(timeout == null ? 0 : timeout.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
                woken = false;
            }
        }

        /** Asks for one cosignature; true when the witness cosigned or told the size to start from. */
        private boolean attempt(CheckpointRecord target) {
            if (knownSize > target.treeSize) {
                // the witness has seen a larger tree than this replica signed: wait for a newer checkpoint
                return fail(target, "the witness holds size " + knownSize + ", above the newest checkpoint "
                        + target.treeSize);
            }
            List<byte[]> proof;
            try {
                proof = knownSize == 0 ? List.of() : MerkleProofs.consistencyProof(knownSize, target.treeSize,
                        Merkle.rangeHasher(store.hasher()));
            } catch (RuntimeException e) {
                return fail(target, "the consistency proof could not be built: " + e.getMessage());
            }
            String body = new AddCheckpointRequest(knownSize, proof, target.note).toBody();
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(url).timeout(config.timeout())
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return fail(target, "no answer: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return true;
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (response.statusCode() == 409 && type.startsWith("text/x.tlog.size")) {
                String size = response.body().strip();
                if (!size.matches("0|[1-9][0-9]{0,18}")) {
                    return fail(target, "409 with a size that is not a number");
                }
                count("old_size");
                knownSize = Long.parseLong(size);
                return knownSize <= target.treeSize || fail(target, "the witness holds size " + knownSize
                        + ", above the newest checkpoint " + target.treeSize);
            }
            if (response.statusCode() != 200) {
                return fail(target, "HTTP " + response.statusCode() + ": " + firstLine(response.body()));
            }
            Cosignature cosignature;
            try {
                cosignature = key.verify(SignedNote.open(target.note + response.body(), keys.all()));
            } catch (NoteException | IllegalArgumentException e) {
                return fail(target, "its answer carries no valid cosignature: " + e.getMessage());
            }
            try {
                cosignatures.store(target.treeSize, name, cosignature);
            } catch (Exception e) {
                return fail(target, "its cosignature could not be stored: " + e.getMessage());
            }
            knownSize = target.treeSize;
            cosignedSize = target.treeSize;
            count("cosigned");
            if (!up) {
                Log.infof("Witness %s cosigns again (checkpoint %d), after %d failed attempt(s)", name,
                        target.treeSize, failures);
            }
            up = true;
            failures = 0;
            lastError = null;
            delay = config.retryDelay();
            return true;
        }

        private boolean fail(CheckpointRecord target, String reason) {
            count("failed");
            failures++;
            lastError = reason;
            if (up) {
                Log.warnf("Witness %s did not cosign checkpoint %d: %s; asking again with backoff up to %s", name,
                        target.treeSize, reason, config.maxRetryDelay());
            }
            up = false;
            return false;
        }

        private void count(String outcome) {
            registry.counter("sightline.witness.requests", "witness", name, "outcome", outcome).increment();
        }
    }

    private static String firstLine(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
