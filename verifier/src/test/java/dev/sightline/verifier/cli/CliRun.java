package dev.sightline.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One in-process run of the verifier's command line: its exit code and everything it printed. */
record CliRun(int exit, String output) {
    static CliRun run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new VerifyDisclosure(out, out).run(args);
        return new CliRun(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(String[] args, String... more) {
        return run(concat(args, more));
    }

    /** The run ends with exit code 2, the message and the usage. */
    static void assertUsageError(String message, String... args) {
        CliRun result = run(args);
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().startsWith(message + "\nusage: "), result.output());
    }

    static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
