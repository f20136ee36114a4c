package dev.sightline.systemtest;

import dev.sightline.systemtest.OpenApiOperations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request: who sends it, the exact bytes, what was changed from a valid request and, when the change
 * breaks the contract, why (then the answer must be a refusal). {@code pathAndQuery} is already percent-encoded.
 * {@code marks} are values only this request carries (a legal name, an actor id), by which a refused create is
 * looked for afterwards.
 */
record FuzzRequest(Operation operation, String caller, String pathAndQuery, Map<String, String> headers,
        String contentType, byte[] body, String change, List<String> invalidBecause, Map<String, String> marks) {

    boolean invalid() {
        return !invalidBecause.isEmpty();
    }

    /** A curl command that sends the same request again (the token named, not spelled out). */
    String line(String baseUrl) {
        StringBuilder out = new StringBuilder("as ").append(caller).append(": curl -X ")
                .append(operation.method()).append(" '").append(baseUrl).append(pathAndQuery).append('\'');
        headers.forEach((name, value) -> out.append(" -H '").append(name).append(": ")
                .append(value.length() > 80 ? value.substring(0, 80) + "…(" + value.length() + " chars)" : value)
                .append('\''));
        if (body != null) {
            out.append(" -H 'Content-Type: ").append(contentType).append("' --data-binary '");
            String text = new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8).replace("'", "'\\''");
            out.append(text).append(body.length > 600 ? "…(" + body.length + " bytes)" : "").append('\'');
        }
        return out.toString();
    }
}
