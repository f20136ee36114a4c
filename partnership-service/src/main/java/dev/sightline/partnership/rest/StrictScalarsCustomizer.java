package dev.sightline.partnership.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.support.problem.StrictScalars;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Reads strings, UUIDs, dates and instants of request bodies exactly as written (service-support's
 * {@link StrictScalars}): a NUL or unpaired surrogate, a padded UUID, a number or an empty string for a date, or a
 * date outside years 0001 to 9999 is a 400 naming the field instead of a coerced value or a database error.
 */
@Singleton
public class StrictScalarsCustomizer implements ObjectMapperCustomizer {
    /** After Quarkus's own customizer, whose JavaTimeModule would otherwise read dates leniently again. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new StrictScalars());
    }
}
