package dev.sightline.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrictScalarsTest {
    enum Mode { ON_DEVICE, PARTNER_CLOUD }

    record Body(String text, UUID id, LocalDate day, Instant at, List<String> tags, Mode mode) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new StrictScalars());

    @Test
    void readsWellFormedValues() throws Exception {
        Body body = mapper.readValue("""
                {"text": "Grüße 😀", "id": "0B8E4C3A-5D1F-4A7E-9C2B-6F1D2E3A4B5C", "day": "0001-01-01",
                 "at": "9999-12-31T23:59:59.999999Z", "tags": ["a"], "mode": "PARTNER_CLOUD"}""", Body.class);
        assertEquals("Grüße 😀", body.text());
        assertEquals(UUID.fromString("0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c"), body.id());
        assertEquals(LocalDate.of(1, 1, 1), body.day());
        assertEquals(Mode.PARTNER_CLOUD, body.mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"text\": \"a\\u0000b\"}", "{\"text\": \"\\ud800\"}", "{\"text\": \"x\\udc00\"}",
            "{\"tags\": [\"ok\", \"\\u0000\"]}",
            "{\"id\": \"0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c \"}", "{\"id\": \"0b8e4c3a-5d1f-4a7e-9c2b-6f1d2e3a4b5c\\u0000\"}",
            "{\"id\": \"1-1-1-1-1\"}", "{\"id\": \"\"}", "{\"id\": 7}",
            "{\"day\": 0}", "{\"day\": \"\"}", "{\"day\": \"+10000-01-01\"}", "{\"day\": \"-0001-01-01\"}",
            "{\"day\": \"2026-02-30\"}",
            "{\"at\": 0}", "{\"at\": -1e400}", "{\"at\": \"\"}", "{\"at\": \"+1000000000-01-01T00:00:00Z\"}",
            "{\"at\": \"-999999999-01-01T00:00:00Z\"}", "{\"at\": \"10000-01-01T00:00:00Z\"}",
            "{\"mode\": \" PARTNER_CLOUD \"}", "{\"mode\": \"ON_DEVICE\\u0000\"}", "{\"mode\": \"\\tON_DEVICE\"}" })
    void refusesWhatWouldBeStoredAsSomethingElse(String json) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> mapper.readValue(json, Body.class));
        assertEquals(StrictScalars.Refused.class, e.getClass(), e.getMessage());
    }

    @Test
    void namesTheFieldAndWhy() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"tags\": [\"ok\", \"a\\u0000\"]}", Body.class));
        Problem.FieldError error = JsonFieldErrors.describe(e);
        assertEquals("tags[1]", error.field());
        assertEquals("must not contain the NUL character (U+0000)", error.message());
    }
}
