package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every key a report can print has words for it in English and Chinese: each data category of the partnership
 * service's taxonomy; each value the audit-service's contract allows for a dimension the report breaks figures
 * down by (action, outcome, processing mode, violation kind, an authority request's disposition) or states (a
 * remediation's status); and each status, assessment, filing, risk class and transfer mechanism of the
 * partnership-service's contract. Read from the other services' own files, so a value added there without a label
 * fails here.
 */
class ReportLabelsTest {
    private static final Path REPO = Path.of("..");
    private static final Map<String, String> AUDIT = Map.of("Action", "", "Outcome", "", "ProcessingMode", "",
            "Kind", "", "Disposition", "", "RemediationStatus", "status.");
    private static final Map<String, String> PARTNERSHIP = Map.of("PartnershipStatus", "status.", "AssessmentStatus",
            "status.", "AssessmentType", "", "FilingType", "", "RiskClass", "", "TransferMechanism", "");

    @Test
    void everyDataCategoryOfTheTaxonomyHasAPlainLabel() throws IOException {
        JsonNode taxonomy = new ObjectMapper().readTree(
                REPO.resolve("partnership-service/src/main/resources/data/data-categories.json").toFile());
        List<String> missing = new ArrayList<>();
        taxonomy.path("categories").forEach(category -> check(category.path("key").asText(), missing));
        assertEquals(List.of(), missing, "data categories without an English and a Chinese label");
    }

    @Test
    void everyValueOfTheAuditContractsDimensionsHasAPlainLabel() throws IOException {
        assertEquals(List.of(), missing("audit-service", AUDIT), "values without an English and a Chinese label");
    }

    @Test
    void everyStatusAndKindOfThePartnershipContractHasAPlainLabel() throws IOException {
        assertEquals(List.of(), missing("partnership-service", PARTNERSHIP),
                "values without an English and a Chinese label");
    }

    private static List<String> missing(String service, Map<String, String> enums) throws IOException {
        JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(
                REPO.resolve(service + "/src/main/openapi/openapi.yaml").toFile()).path("components").path("schemas");
        List<String> missing = new ArrayList<>();
        enums.forEach((schema, prefix) -> {
            JsonNode values = schemas.path(schema).path("enum");
            assertEquals(true, values.size() > 1, schema + " is an enum of the " + service + "'s contract");
            values.forEach(value -> check(prefix + value.asText(), missing));
        });
        return missing;
    }

    private static void check(String key, List<String> missing) {
        Text label = ReportText.get().label(key);
        if (label == null || label.en() == null || label.zh() == null) {
            missing.add(key);
        }
    }
}
