package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A disclosure's signed manifest, read from its RFC 8785 form: {@code {"disclosureId", "digest", "files": [{"name",
 * "mediaType", "size", "sha256"}]}}, every file served for the disclosure with its size and lowercase hex SHA-256.
 */
record Manifest(JsonFields fields, String disclosureId, String digest, Map<String, Entry> files) {

    /** One file the manifest lists. */
    record Entry(String name, String mediaType, long size, String sha256) {
    }

    static Manifest parse(Input input) throws CheckFailure {
        JsonFields fields = JsonFields.parseCanonical(input);
        String id = fields.requireText("disclosureId");
        String digest = hex(fields, "digest", fields.requireText("digest"));
        JsonNode list = fields.require("files");
        if (!list.isArray()) {
            throw fields.failure("files must be an array, found " + JsonFields.describe(list));
        }
        Map<String, Entry> files = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "files[" + i + "]";
            JsonNode file = list.get(i);
            JsonNode name = file.get("name");
            JsonNode mediaType = file.get("mediaType");
            JsonNode size = file.get("size");
            JsonNode sha256 = file.get("sha256");
            if (!file.isObject() || name == null || !name.isTextual() || mediaType == null || !mediaType.isTextual()
                    || size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0
                    || sha256 == null || !sha256.isTextual()) {
                throw fields.failure(at + " must be {\"name\", \"mediaType\", \"size\", \"sha256\"}, found "
                        + JsonFields.describe(file));
            }
            Entry entry = new Entry(name.textValue(), mediaType.textValue(), size.longValue(),
                    hex(fields, at + ".sha256", sha256.textValue()));
            if (files.put(entry.name(), entry) != null) {
                throw fields.failure("files lists " + entry.name() + " twice");
            }
        }
        return new Manifest(fields, id, digest, files);
    }

    private static String hex(JsonFields fields, String path, String value) throws CheckFailure {
        if (!value.matches("[0-9a-fA-F]{64}")) {
            throw fields.failure(path + " must be the hex SHA-256 of 64 digits, found \"" + value + "\"");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
