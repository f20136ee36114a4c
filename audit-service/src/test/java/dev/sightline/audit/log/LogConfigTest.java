package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A verification run needs at least one reader and reads at least one entry at a time: a setting of 0 stops the
 * service at start, naming it, instead of failing the first run an operator starts.
 */
class LogConfigTest {
    @Test
    void refusesZeroReadersAndAnEmptyChunkAtStart() {
        RuntimeException readers = assertThrows(RuntimeException.class,
                () -> config(Map.of("sightline.log.verification.readers", "0")));
        assertTrue(messages(readers).contains("sightline.log.verification.readers must be greater than or equal to 1"),
                messages(readers));
        RuntimeException chunk = assertThrows(RuntimeException.class,
                () -> config(Map.of("sightline.log.verification.progress-every", "0")));
        assertTrue(messages(chunk).contains("sightline.log.verification.progress-every"), messages(chunk));
    }

    @Test
    void takesTheDefaultsAndOneReader() {
        assertEquals(2, config(Map.of()).getConfigMapping(LogConfig.class).verification().readers());
        assertEquals(1, config(Map.of("sightline.log.verification.readers", "1")).getConfigMapping(LogConfig.class)
                .verification().readers());
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        return new SmallRyeConfigBuilder()
                .withMapping(LogConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "250ms", as Quarkus reads it
                .withValidator((BeanValidationConfigValidator) () -> validator)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
