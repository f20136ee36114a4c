package dev.sightline.verifier.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsFilesAsGiven() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.json"), "{\"keys\":[]}");
        Input input = new InputReader().read(file.toString());
        assertEquals(file.toString(), input.name());
        assertArrayEquals("{\"keys\":[]}".getBytes(StandardCharsets.UTF_8), input.bytes());
    }

    @Test
    void namesFilesThatCannotBeRead() {
        assertUnreadable("cannot read " + dir.resolve("none.json") + ": no such file", dir.resolve("none.json").toString());
        assertUnreadable("cannot read " + dir + ": it is a directory", dir.toString());
    }

    @Test
    void fetchesUrlsAndNamesThemWhenTheyFail() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/keys", exchange -> {
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        // Its own threads, so the slow answer does not hold up the others.
        ExecutorService threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            InputReader reader = new InputReader(Duration.ofMillis(300));
            assertArrayEquals("{\"keys\":[]}".getBytes(StandardCharsets.UTF_8), reader.read(base + "/keys").bytes());
            assertUnreadable(reader, "cannot fetch " + base + "/gone: HTTP 410", base + "/gone");
            assertUnreadable(reader, "cannot fetch " + base + "/slow: no answer within 0.3 s", base + "/slow");
            assertUnreadable(reader, "cannot fetch http://exa mple/: not a valid URL (Illegal character in authority at index 7:"
                    + " http://exa mple/)", "http://exa mple/");
        } finally {
            release.countDown();
            server.stop(0);
            threads.shutdown();
        }
    }

    private void assertUnreadable(String message, String source) {
        assertUnreadable(new InputReader(), message, source);
    }

    private static void assertUnreadable(InputReader reader, String message, String source) {
        InputReader.UnreadableInputException e = assertThrows(InputReader.UnreadableInputException.class, () -> reader.read(source));
        assertEquals(message, e.getMessage());
    }
}
