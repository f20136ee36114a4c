package dev.sightline.verifier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.verifier.json.CanonicalJson;
import dev.sightline.verifier.json.CanonicalJsonException;
import dev.sightline.verifier.merkle.Merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the members the verifier needs from a parsed input, failing with messages that name
 * the input and the member path ({@code report.json: attestation.checkpoint.size must be ...}).
 */
final class JsonFields {

    private final String inputName;
    private final JsonNode root;
    private final byte[] canonical;

    private JsonFields(String inputName, JsonNode root, byte[] canonical) {
        this.inputName = inputName;
        this.root = root;
        this.canonical = canonical;
    }

    /** Parses an input strictly (see {@link CanonicalJson#parse}); it must be a JSON object. */
    static JsonFields parseObject(Input input) throws CheckFailure {
        JsonNode node;
        try {
            node = CanonicalJson.parse(input.text());
        } catch (CanonicalJsonException e) {
            throw new CheckFailure(input.name() + " is not JSON: " + e.getMessage());
        }
        if (!node.isObject()) {
            throw new CheckFailure(input.name() + " must hold a JSON object, found " + describe(node));
        }
        return new JsonFields(input.name(), node, null);
    }

    /**
     * {@link #parseObject} for a signed document: its members are read from its RFC 8785 form,
     * so that a value written differently from the signed bytes ({@code 40.0} for {@code 40})
     * reads as what was signed.
     */
    static JsonFields parseCanonical(Input input) throws CheckFailure {
        JsonFields parsed = parseObject(input);
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(parsed.root);
        } catch (CanonicalJsonException e) {
            throw new CheckFailure(input.name() + " has no RFC 8785 canonical form: " + e.getMessage());
        }
        return new JsonFields(input.name(), CanonicalJson.parse(new String(canonical, StandardCharsets.UTF_8)), canonical);
    }

    /** The RFC 8785 bytes, for documents from {@link #parseCanonical}. */
    byte[] canonical() {
        return canonical.clone();
    }

    String inputName() {
        return inputName;
    }

    /** The member at a dotted path, or {@code null} when it or an object on the way is missing. */
    JsonNode find(String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(name);
        }
        return node;
    }

    JsonNode require(String path) throws CheckFailure {
        JsonNode node = find(path);
        if (node == null) {
            throw failure(path + " is missing");
        }
        return node;
    }

    /** A member for display: strings without quotes, other values as JSON, missing ones as {@code ?}. */
    String display(String path) {
        JsonNode node = find(path);
        return node == null ? "?" : node.isTextual() ? node.textValue() : node.toString();
    }

    String requireText(String path) throws CheckFailure {
        JsonNode node = require(path);
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw failure(path + " must be a non-empty string, found " + describe(node));
        }
        return node.textValue();
    }

    /** A tree size: a JSON integer from 0 to 2^63 - 1. */
    long requireSize(String path) throws CheckFailure {
        JsonNode node = require(path);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw failure(path + " must be a non-negative integer, found " + describe(node));
        }
        return node.longValue();
    }

    /** A Merkle hash: padded canonical standard base64 of 32 bytes, as in checkpoints. */
    byte[] requireHash(String path) throws CheckFailure {
        return hash(require(path), path);
    }

    List<byte[]> requireHashes(String path) throws CheckFailure {
        JsonNode node = require(path);
        if (!node.isArray()) {
            throw failure(path + " must be an array of base64 hashes, found " + describe(node));
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            hashes.add(hash(node.get(i), path + "[" + i + "]"));
        }
        return hashes;
    }

    CheckFailure failure(String message) {
        return new CheckFailure(inputName + ": " + message);
    }

    private byte[] hash(JsonNode node, String path) throws CheckFailure {
        if (node.isTextual()) {
            try {
                byte[] hash = Base64.getDecoder().decode(node.textValue());
                if (hash.length == Merkle.HASH_SIZE && Base64.getEncoder().encodeToString(hash).equals(node.textValue())) {
                    return hash;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw failure(path + " must be the standard base64 of a " + Merkle.HASH_SIZE + "-byte hash, found " + describe(node));
    }

    /** A short description of a value for messages: its JSON, cut when long. */
    static String describe(JsonNode node) {
        String json = node.toString();
        return json.length() > 60 ? json.substring(0, 57) + "..." : json;
    }
}
