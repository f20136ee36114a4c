package dev.sightline.support.test;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares the OpenAPI document that the running service generates from its code with the one
 * committed at {@code src/main/openapi/openapi.yaml}. Run with {@code -Dsightline.openapi.refresh=true}
 * to write the generated document over the committed one.
 */
public final class OpenApiContract {
    public static final Path COMMITTED = Path.of("src", "main", "openapi", "openapi.yaml");
    public static final String REFRESH_PROPERTY = "sightline.openapi.refresh";

    private OpenApiContract() {
    }

    /** Fails, naming the first differing line and the refresh command, when the two documents differ. */
    public static void assertCodeMatchesCommittedContract(String module) throws IOException {
        String generated = normalise(given().accept("application/yaml").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        if (Boolean.getBoolean(REFRESH_PROPERTY)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
            return;
        }
        String refresh = "If the API change is intended, refresh the committed contract and commit it:\n  ./mvnw -pl "
                + module + " -am test '-Dtest=*ServiceBasicsTest' -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -D"
                + REFRESH_PROPERTY + "=true";
        if (!Files.exists(COMMITTED)) {
            throw new AssertionError(module + " has no committed contract at " + COMMITTED + ".\n" + refresh);
        }
        String committed = normalise(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        if (!committed.equals(generated)) {
            throw new AssertionError("The OpenAPI document generated from the code of " + module
                    + " differs from the committed " + COMMITTED + ":\n" + firstDifference(committed, generated)
                    + "\n" + refresh);
        }
    }

    private static String normalise(String document) {
        return document.replace("\r\n", "\n").stripTrailing() + "\n";
    }

    private static String firstDifference(String committed, String generated) {
        List<String> a = committed.lines().toList();
        List<String> b = generated.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "  line " + (i + 1) + "\n    committed: " + left + "\n    generated: " + right;
            }
        }
        return "  (whitespace only)";
    }
}
