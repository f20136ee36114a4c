package dev.sightline.partnership.partnerships.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.partnership.partnerships.domain.AiSystem;
import dev.sightline.partnership.partnerships.domain.Assessment;
import dev.sightline.partnership.partnerships.domain.DataPolicy;
import dev.sightline.partnership.partnerships.domain.Feature;
import dev.sightline.partnership.partnerships.domain.Filing;
import dev.sightline.partnership.partnerships.domain.LegalBasis;
import dev.sightline.partnership.partnerships.domain.PartnershipContent;
import dev.sightline.partnership.partnerships.domain.PartnershipRecord;
import dev.sightline.partnership.partnerships.domain.PartnershipStatus;
import dev.sightline.partnership.partnerships.domain.PendingChange;
import dev.sightline.partnership.partnerships.domain.Stamp;
import dev.sightline.partnership.partnerships.domain.StatusChange;
import dev.sightline.partnership.partnerships.domain.Transfer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A partnership record as the JSON stored in {@link Partnership#document} and {@link PartnershipRevision#snapshot}:
 * one flat object in the shape the API shows ({@code id}, the content's fields, {@code status}, then the
 * bookkeeping {@code revision, createdAt, createdBy, updatedAt, updatedBy, lastTransition}, and a
 * {@code pendingChange} with its own {@code content} when a widening change waits for approval). Revisions written
 * long ago must keep reading back the same, so this shape never changes; unknown properties are ignored.
 */
@ApplicationScoped
public class PartnershipSnapshots {
    /** Bookkeeping that changes with every revision and so is not a "change" of the record. */
    private static final Set<String> BOOKKEEPING = Set.of("revision", "createdAt", "createdBy", "updatedAt",
            "updatedBy", "lastTransition");

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    PartnershipSnapshots(ObjectMapper mapper) {
        this.mapper = mapper;
        // Old snapshots stay readable when later versions of the record add fields.
        this.reader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String write(PartnershipRecord record) {
        try {
            return mapper.writeValueAsString(tree(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public PartnershipRecord read(String json) {
        try {
            JsonNode node = reader.readTree(json);
            PartnershipContent content = content(node);
            Stamp created = new Stamp(value(node, "createdAt", Instant.class), node.path("createdBy").textValue());
            Stamp updated = new Stamp(value(node, "updatedAt", Instant.class), node.path("updatedBy").textValue());
            JsonNode pending = node.get("pendingChange");
            PendingChange pendingChange = pending == null || pending.isNull() ? null
                    : new PendingChange(content(pending.path("content")),
                            new Stamp(value(pending, "proposedAt", Instant.class),
                                    pending.path("proposedBy").textValue()),
                            list(pending, "widenings", String.class));
            return new PartnershipRecord(value(node, "id", UUID.class), content,
                    value(node, "status", PartnershipStatus.class), node.path("revision").asInt(), created, updated,
                    value(node, "lastTransition", StatusChange.class), pendingChange);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable partnership snapshot", e);
        }
    }

    private PartnershipContent content(JsonNode node) throws JsonProcessingException {
        return PartnershipContent.builder()
                .reference(node.path("reference").textValue())
                .title(node.path("title").textValue())
                .description(node.path("description").textValue())
                .owner(node.path("owner").textValue())
                .effectiveFrom(value(node, "effectiveFrom", LocalDate.class))
                .effectiveTo(value(node, "effectiveTo", LocalDate.class))
                .partnerId(value(node, "partnerId", UUID.class))
                .aiSystems(list(node, "aiSystems", AiSystem.class))
                .features(list(node, "features", Feature.class))
                .markets(list(node, "markets", String.class))
                .dataPolicy(value(node, "dataPolicy", DataPolicy.class))
                .transfers(list(node, "transfers", Transfer.class))
                .legalBases(list(node, "legalBases", LegalBasis.class))
                .assessments(list(node, "assessments", Assessment.class))
                .filings(list(node, "filings", Filing.class))
                .publicCommitments(list(node, "publicCommitments", String.class))
                .build();
    }

    /** JSON paths (objects descended into, lists compared whole) where the two records differ. */
    public List<String> changedFields(PartnershipRecord before, PartnershipRecord after) {
        List<String> changed = new ArrayList<>();
        diff("", tree(before), tree(after), changed);
        return changed;
    }

    private ObjectNode tree(PartnershipRecord record) {
        ObjectNode node = mapper.createObjectNode();
        node.set("id", mapper.valueToTree(record.id()));
        content(node, record.content(), record.status());
        node.put("revision", record.revision());
        node.set("createdAt", mapper.valueToTree(record.created().at()));
        node.put("createdBy", record.created().by());
        node.set("updatedAt", mapper.valueToTree(record.updated().at()));
        node.put("updatedBy", record.updated().by());
        node.set("lastTransition", mapper.valueToTree(record.lastTransition()));
        PendingChange pending = record.pendingChange();
        if (pending != null) {
            ObjectNode change = node.putObject("pendingChange");
            content(change.putObject("content"), pending.content(), null);
            change.set("proposedAt", mapper.valueToTree(pending.proposed().at()));
            change.put("proposedBy", pending.proposed().by());
            change.set("widenings", mapper.valueToTree(pending.widenings()));
        }
        return node;
    }

    private void content(ObjectNode node, PartnershipContent c, PartnershipStatus status) {
        node.put("reference", c.reference());
        node.put("title", c.title());
        node.put("description", c.description());
        node.put("owner", c.owner());
        node.set("effectiveFrom", mapper.valueToTree(c.effectiveFrom()));
        node.set("effectiveTo", mapper.valueToTree(c.effectiveTo()));
        node.set("partnerId", mapper.valueToTree(c.partnerId()));
        if (status != null) {
            node.set("status", mapper.valueToTree(status));
        }
        node.set("aiSystems", mapper.valueToTree(c.aiSystems()));
        node.set("features", mapper.valueToTree(c.features()));
        node.set("markets", mapper.valueToTree(c.markets()));
        node.set("dataPolicy", mapper.valueToTree(c.dataPolicy()));
        node.set("transfers", mapper.valueToTree(c.transfers()));
        node.set("legalBases", mapper.valueToTree(c.legalBases()));
        node.set("assessments", mapper.valueToTree(c.assessments()));
        node.set("filings", mapper.valueToTree(c.filings()));
        node.set("publicCommitments", mapper.valueToTree(c.publicCommitments()));
    }

    private <T> T value(JsonNode node, String field, Class<T> type) throws JsonProcessingException {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : reader.treeToValue(value, type);
    }

    private <T> List<T> list(JsonNode node, String field, Class<T> type) throws JsonProcessingException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        JavaType listType = mapper.getTypeFactory().constructCollectionType(List.class, type);
        return reader.treeToValue(value, listType);
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<String> changed) {
        if (before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (path.isEmpty() && BOOKKEEPING.contains(name)) {
                    continue;
                }
                JsonNode a = before.path(name);
                JsonNode b = after.path(name);
                diff(path.isEmpty() ? name : path + "." + name, a.isMissingNode() ? NullNode.getInstance() : a,
                        b.isMissingNode() ? NullNode.getInstance() : b, changed);
            }
        } else if (!before.equals(after)) {
            changed.add(path);
        }
    }
}
