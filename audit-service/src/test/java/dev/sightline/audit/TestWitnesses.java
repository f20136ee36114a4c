package dev.sightline.audit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sightline.support.security.KeyFiles;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.CosignatureVerifier;
import dev.sightline.verifier.note.NoteSigner;
import dev.sightline.verifier.note.NoteVerifier;
import dev.sightline.verifier.witness.Witness;
import dev.sightline.verifier.witness.WitnessOutcome;
import dev.sightline.verifier.witness.WitnessState;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three witnesses for the audit-service under test, quorum 2: {@link #A} and {@link #B} run the C2SP tlog-witness
 * logic of the verifier (the witness service's own) behind real HTTP servers, with the witness service's
 * {@code add-checkpoint} and {@code logs/<origin>/checkpoint} (B can be told to refuse), and {@code c} is configured
 * at a port where nothing listens. They trust the log's key, read from the key file the service signs with in tests.
 */
public class TestWitnesses implements QuarkusTestResourceLifecycleManager {
    public static final String ORIGIN = "sightline.example/audit-log";
    public static TestWitness A;
    public static TestWitness B;
    public static CosignatureVerifier C_KEY;

    @Override
    public Map<String, String> start() {
        NoteVerifier logKey = NoteSigner.parse(KeyFiles.readOrCreate(Path.of("target", "audit-log-signing.key"), true,
                () -> NoteSigner.generate(ORIGIN).encodedPrivateKey(), "Checkpoint signing key")).verifier();
        A = new TestWitness("witness-a.sightline.example", logKey);
        B = new TestWitness("witness-b.sightline.example", logKey);
        C_KEY = CosignatureSigner.generate("witness-c.sightline.example").verifier();
        Map<String, String> config = new HashMap<>();
        config.put("sightline.witness.witnesses.a.url", A.url());
        config.put("sightline.witness.witnesses.a.key", A.key().encoded());
        config.put("sightline.witness.witnesses.b.url", B.url());
        config.put("sightline.witness.witnesses.b.key", B.key().encoded());
        config.put("sightline.witness.witnesses.c.url", "http://127.0.0.1:" + freePort() + "/api/v1");
        config.put("sightline.witness.witnesses.c.key", C_KEY.encoded());
        config.put("sightline.witness.quorum", "2");
        config.put("sightline.witness.timeout", "PT2S");
        config.put("sightline.witness.retry-delay", "PT0.1S");
        config.put("sightline.witness.max-retry-delay", "PT0.5S");
        return config;
    }

    @Override
    public void stop() {
        A.stop();
        B.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A witness over HTTP, its state in memory. */
    public static final class TestWitness {
        private final Witness witness;
        private final HttpServer server;
        private volatile boolean refusing;

        public TestWitness(String name, NoteVerifier logKey) {
            Map<String, WitnessState> states = new ConcurrentHashMap<>();
            WitnessState.Store store = new WitnessState.Store() {
                @Override
                public Optional<WitnessState> load(String origin) {
                    return Optional.ofNullable(states.get(origin));
                }

                @Override
                public void save(String origin, WitnessState state) {
                    states.put(origin, state);
                }
            };
            witness = new Witness(CosignatureSigner.generate(name), Map.of(ORIGIN, List.of(logKey)), store,
                    Clock.systemUTC());
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/api/v1/add-checkpoint", this::handle);
            server.createContext("/api/v1/logs/", this::checkpoint);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            String type = "text/plain; charset=utf-8";
            String answer;
            if (refusing) {
                status = 503;
                answer = "refusing on purpose\n";
            } else {
                WitnessOutcome outcome = witness.add(body);
                status = outcome.status();
                if (outcome instanceof WitnessOutcome.Cosigned cosigned) {
                    answer = cosigned.body();
                } else if (outcome instanceof WitnessOutcome.SizeMismatch mismatch) {
                    type = WitnessOutcome.SizeMismatch.CONTENT_TYPE;
                    answer = mismatch.body();
                } else {
                    answer = ((WitnessOutcome.Refused) outcome).detail() + "\n";
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        /** GET /api/v1/logs/{origin}/checkpoint, as the witness service answers it. */
        private void checkpoint(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String origin = path.substring("/api/v1/logs/".length(), Math.max(path.lastIndexOf("/checkpoint"),
                    "/api/v1/logs/".length()));
            Optional<String> note = path.endsWith("/checkpoint") ? witness.latestCosigned(origin) : Optional.empty();
            byte[] bytes = note.orElse("{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", note.isPresent() ? "text/plain; charset=utf-8"
                    : "application/problem+json");
            exchange.sendResponseHeaders(note.isPresent() ? 200 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
        }

        public CosignatureVerifier key() {
            return witness.signer().verifier();
        }

        /** The size of the newest checkpoint this witness cosigned, 0 before any. */
        public long cosignedSize() {
            return witness.state(ORIGIN).map(WitnessState::size).orElse(0L);
        }

        public void refuse(boolean refuse) {
            refusing = refuse;
        }

        public void stop() {
            server.stop(0);
        }
    }
}
