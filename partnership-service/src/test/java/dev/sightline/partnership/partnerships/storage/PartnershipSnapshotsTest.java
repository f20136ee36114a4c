package dev.sightline.partnership.partnerships.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sightline.partnership.partnerships.domain.PartnershipRecord;
import dev.sightline.partnership.partnerships.rest.PartnershipViewMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored JSON of a partnership never changes shape: revisions written long ago read back as they were. */
class PartnershipSnapshotsTest {
    /** A snapshot exactly as the service has always written it: the API's view of the record, compact. */
    static final String STORED = "{\"id\":\"6f0c7d1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f\",\"reference\":\"PRT-2026-0001\","
            + "\"title\":\"Nimbus-LM for voice assistance in Germany\",\"description\":null,"
            + "\"owner\":\"ai-partnerships@example.com\",\"effectiveFrom\":\"2026-03-01\",\"effectiveTo\":null,"
            + "\"partnerId\":\"0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c\",\"status\":\"ACTIVE\","
            + "\"aiSystems\":[{\"name\":\"Nimbus-LM\",\"provider\":\"Nimbus Cloud Intelligence\",\"version\":\"4.2\","
            + "\"riskClass\":\"LIMITED\",\"generalPurpose\":true}],"
            + "\"features\":[{\"key\":\"voice-assistant\",\"name\":\"Voice assistant\",\"purpose\":\"Answer spoken questions\"}],"
            + "\"markets\":[\"DE\"],"
            + "\"dataPolicy\":{\"allowedCategories\":[\"user.content.voice\"],\"forbiddenCategories\":[],"
            + "\"allowedModes\":[\"PARTNER_CLOUD\"],\"allowedCountries\":[\"DE\",\"CN\"],"
            + "\"allowedPurposes\":[\"voice-assistance\"],\"retentionDays\":30,\"sensitiveAllowed\":false},"
            + "\"transfers\":[{\"fromRegion\":\"EU\",\"toCountry\":\"CN\",\"mechanism\":\"EU_SCC\",\"reference\":\"SCC-2026-014\"}],"
            + "\"legalBases\":[{\"jurisdiction\":\"EU\",\"basis\":\"GDPR Art. 6(1)(a) consent\",\"notes\":null}],"
            + "\"assessments\":[{\"type\":\"TIA\",\"status\":\"APPROVED\",\"date\":\"2026-02-10\",\"reviewer\":\"dpo@example.com\","
            + "\"approver\":\"ciso@example.com\",\"nextReview\":\"2027-02-10\",\"reference\":null}],"
            + "\"filings\":[{\"type\":\"EU_AI_DATABASE_REGISTRATION\",\"number\":\"EUDB-000123\",\"date\":\"2026-02-20\"}],"
            + "\"publicCommitments\":[\"Voice recordings are deleted after 30 days\"],\"revision\":4,"
            + "\"createdAt\":\"2026-02-01T09:00:00.123456Z\",\"createdBy\":\"alice\","
            + "\"updatedAt\":\"2026-02-28T16:30:00Z\",\"updatedBy\":\"bob\","
            + "\"lastTransition\":{\"from\":\"APPROVED\",\"to\":\"ACTIVE\",\"actor\":\"bob\",\"reason\":\"Go-live approved\","
            + "\"at\":\"2026-02-28T16:30:00Z\"}}";

    /** Configured as Quarkus configures the service's mapper for writing. */
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final PartnershipSnapshots snapshots = new PartnershipSnapshots(mapper);

    @Test
    void aStoredSnapshotReadsBackAndIsWrittenAgainByteForByte() {
        assertEquals(STORED, snapshots.write(snapshots.read(STORED)));
    }

    @Test
    void theStoredShapeIsTheShapeTheApiShows() throws Exception {
        PartnershipRecord record = snapshots.read(STORED);
        assertEquals(mapper.writeValueAsString(PartnershipViewMapper.view(record)), snapshots.write(record));
    }

    @Test
    void aSnapshotWithoutOptionalPartsReadsAsEmptyListsAndAnUndecidedPolicy() {
        PartnershipRecord record = snapshots.read("{\"id\":\"6f0c7d1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f\","
                + "\"reference\":\"PRT-SEED-1\",\"title\":\"Seeded\",\"owner\":\"o\",\"status\":\"DRAFT\","
                + "\"revision\":1,\"someLaterField\":true}");
        assertEquals(List.of(), record.content().markets());
        assertEquals(List.of(), record.content().dataPolicy().allowedModes());
        assertEquals(null, record.content().dataPolicy().sensitiveAllowed());
        assertEquals(1, record.revision());
    }

    @Test
    void changedFieldsNameTheDifferingPathsAndIgnoreBookkeeping() {
        PartnershipRecord before = snapshots.read(STORED);
        PartnershipRecord after = snapshots.read(STORED.replace("\"retentionDays\":30", "\"retentionDays\":14")
                .replace("\"markets\":[\"DE\"]", "\"markets\":[\"DE\",\"FR\"]").replace("\"revision\":4", "\"revision\":5")
                .replace("\"updatedBy\":\"bob\"", "\"updatedBy\":\"carol\""));
        assertEquals(List.of("markets", "dataPolicy.retentionDays"), snapshots.changedFields(before, after));
    }
}
