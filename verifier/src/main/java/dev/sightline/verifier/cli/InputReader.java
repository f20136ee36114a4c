package dev.sightline.verifier.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads an input from a file or, when it starts with {@code http://} or {@code https://},
 * from a URL with one GET (10 s to connect, 10 s for the answer). Only a 200 counts as read.
 */
final class InputReader {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;
    private HttpClient http;

    InputReader() {
        this(TIMEOUT);
    }

    /** A reader with another timeout, for tests. */
    InputReader(Duration timeout) {
        this.timeout = timeout;
    }

    /** An input could not be read at all: the verifier stops with exit code 2. */
    static final class UnreadableInputException extends Exception {

        private static final long serialVersionUID = 1L;

        UnreadableInputException(String message) {
            super(message);
        }
    }

    Input read(String source) throws UnreadableInputException {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? fetch(source) : readFile(source);
    }

    private static Input readFile(String source) throws UnreadableInputException {
        try {
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                throw new UnreadableInputException("cannot read " + source + ": it is a directory");
            }
            return new Input(source, Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("cannot read " + source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableInputException("cannot read " + source + ": permission denied");
        } catch (IOException | InvalidPathException e) {
            throw new UnreadableInputException("cannot read " + source + ": " + describe(e));
        }
    }

    private Input fetch(String source) throws UnreadableInputException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(source))
                    .timeout(timeout)
                    .header("Accept", "application/json, */*;q=0.5")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException("cannot fetch " + source + ": not a valid URL (" + e.getMessage() + ")");
        }
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new UnreadableInputException("cannot fetch " + source + ": no answer within " + seconds(timeout) + " s");
        } catch (ConnectException e) {
            throw new UnreadableInputException("cannot fetch " + source + ": cannot connect (" + describe(e) + ")");
        } catch (IOException e) {
            throw new UnreadableInputException("cannot fetch " + source + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableInputException("cannot fetch " + source + ": interrupted");
        }
        if (response.statusCode() != 200) {
            throw new UnreadableInputException("cannot fetch " + source + ": HTTP " + response.statusCode());
        }
        return new Input(source, response.body());
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    // JDK network exceptions often carry no message; their class name is then the reason.
    private static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }
}
