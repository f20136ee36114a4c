package dev.sightline.partnership.partnerships;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.partnership.partnerships.domain.TransferMechanism;
import dev.sightline.partnership.partnerships.domain.VolumeCrossing;
import dev.sightline.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The volume thresholds the company's data already crosses, read from the audit-service when a partnership is to go
 * (or stay) ACTIVE, so the activation gate holds a new partnership to the same rule the audit-service holds the
 * running ones to. Fails closed: when the audit-service cannot answer, activation waits (503) rather than pass
 * unchecked. {@code sightline.volume-check.enabled=false} turns the check off (the module's tests do, except the
 * one that stands an audit-service stub up).
 */
@ApplicationScoped
public class VolumeThresholds {
    private final ThresholdsClient client;
    private final boolean enabled;

    VolumeThresholds(@RestClient ThresholdsClient client,
            @ConfigProperty(name = "sightline.volume-check.enabled", defaultValue = "true") boolean enabled) {
        this.client = client;
        this.enabled = enabled;
    }

    /** The crossings now, with what each counts and what covers it; empty when the check is off. */
    public List<VolumeCrossing> crossings() {
        if (!enabled) {
            return List.of();
        }
        JsonNode rules;
        JsonNode results;
        try {
            rules = client.rules();
            results = client.now();
        } catch (RuntimeException e) {
            Log.warnf("volume thresholds: the audit-service did not answer (%s)", e.toString());
            throw ProblemException.unavailable("The audit-service's volume thresholds cannot be read now, and a "
                    + "partnership may not go ACTIVE unchecked; retry shortly");
        }
        Map<String, List<TransferMechanism>> coveredBy = new HashMap<>();
        for (JsonNode consequence : rules.path("consequences")) {
            List<TransferMechanism> mechanisms = new ArrayList<>();
            consequence.path("coveredBy").forEach(m -> mechanisms.add(TransferMechanism.valueOf(m.asText())));
            coveredBy.put(consequence.path("consequence").asText(), mechanisms);
        }
        Map<String, JsonNode> regimes = new HashMap<>();
        rules.path("regimes").forEach(r -> regimes.put(r.path("regime").asText(), r));
        List<VolumeCrossing> crossings = new ArrayList<>();
        for (JsonNode result : results.path("results")) {
            JsonNode regime = regimes.get(result.path("regime").asText());
            if (!"EXCEEDED".equals(result.path("status").asText()) || regime == null) {
                continue;
            }
            JsonNode category = category(regime, result.path("category").asText());
            crossings.add(new VolumeCrossing(regime.path("regime").asText(), result.path("category").asText(),
                    result.path("counterparty").isTextual() ? UUID.fromString(result.path("counterparty").asText())
                            : null,
                    result.path("count").asLong(), result.path("comparator").asText(), result.path("threshold").asLong(),
                    result.path("consequence").asText(), result.path("source").asText(),
                    texts(regime.path("transfersFrom")), texts(category.path("dataCategories")),
                    texts(category.path("excludedDataCategories")),
                    coveredBy.getOrDefault(result.path("consequence").asText(), List.of())));
        }
        return crossings;
    }

    /** The rule category of a result; combined data counts the data of the identifiers it combines. */
    private static JsonNode category(JsonNode regime, String name) {
        String wanted = name.equals(regime.path("combined").path("category").asText())
                ? regime.path("combined").path("identifiers").asText() : name;
        for (JsonNode category : regime.path("categories")) {
            if (wanted.equals(category.path("category").asText())) {
                return category;
            }
        }
        return regime.path("no such category");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
