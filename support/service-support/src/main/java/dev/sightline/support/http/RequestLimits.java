package dev.sightline.support.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import org.eclipse.microprofile.config.Config;

/**
 * How large a request may be. The request target (path and query) and the header section have one limit for every
 * service; the body limit is each service's {@code quarkus.http.limits.max-body-size}. Within the server's hard
 * ceilings ({@value #CEILING_BYTES} bytes of request line or of headers, set in this module's
 * {@code META-INF/microprofile-config.properties}) every excess is answered by a problem; beyond them the HTTP
 * decoder answers a bare 414 or 431 and closes the connection.
 */
public record RequestLimits(long maxBodyBytes) {
    /** Longest request target (path and query, as sent), in bytes. */
    public static final int MAX_TARGET_BYTES = 4096;
    /** Largest header section, counted as the sum of {@code name: value} line lengths, in bytes. */
    public static final int MAX_HEADER_BYTES = 16384;
    /** The body limit when a service does not set {@code quarkus.http.limits.max-body-size}: Quarkus's default. */
    public static final long DEFAULT_BODY_BYTES = 10L * 1024 * 1024;
    /** The HTTP decoder's own limits, far above the ones above so that those answer first. */
    public static final int CEILING_BYTES = 65536;

    static final String BODY_PROPERTY = "quarkus.http.limits.max-body-size";

    /** The limits of the service whose configuration this is. */
    public static RequestLimits of(Config config) {
        return new RequestLimits(config.getOptionalValue(BODY_PROPERTY, String.class)
                .map(size -> new MemorySizeConverter().convert(size))
                .map(MemorySize::asLongValue)
                .orElse(DEFAULT_BODY_BYTES));
    }

    /** A size as people read it: 262144 bytes as "256 KiB". */
    public static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
