package dev.sightline.support.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real RS256 bearer tokens without an identity provider: the service under test trusts this JVM's key
 * ({@link #oidcConfig()}, for a test profile), and each request carries its own caller, so that several users can
 * act at the same moment (a {@code @TestSecurity} identity is one for all requests).
 */
public final class SignedTokens {
    public static final String ISSUER = "https://tokens.test.sightline.example";
    private static final String PUBLIC_KEY = "sightline.test.tokens.public-key";
    private static final String PRIVATE_KEY = "sightline.test.tokens.private-key";
    private static final KeyPair KEYS = generate();

    private SignedTokens() {
    }

    /** What a test profile sets so that the service checks tokens against this key instead of asking Keycloak. */
    public static Map<String, String> oidcConfig() {
        // the %test key too: a profile's key wins over a plain one whatever the source
        return Map.of("quarkus.oidc.tenant-enabled", "true", "%test.quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.oidc.token.issuer", ISSUER);
    }

    /** {@code Bearer <token>} for {@code user} with these realm roles, valid for an hour, for {@code sightline-api}. */
    public static String bearer(String user, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        String roleList = Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"iss\":\"" + ISSUER + "\",\"aud\":\"sightline-api\",\"sub\":\"" + user
                + "\",\"preferred_username\":\"" + user + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"groups\":[" + roleList + "],\"realm_access\":{\"roles\":[" + roleList + "]}}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEYS.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return "Bearer " + header + "." + payload + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One key pair per JVM, kept in system properties: the test profile and the test itself may load this class in
     * different class loaders, and both must speak of the same key.
     */
    private static KeyPair generate() {
        try {
            synchronized (System.class) {
                if (System.getProperty(PRIVATE_KEY) == null) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair fresh = generator.generateKeyPair();
                    Base64.Encoder base64 = Base64.getEncoder();
                    System.setProperty(PUBLIC_KEY, base64.encodeToString(fresh.getPublic().getEncoded()));
                    System.setProperty(PRIVATE_KEY, base64.encodeToString(fresh.getPrivate().getEncoded()));
                }
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            return new KeyPair(
                    rsa.generatePublic(new X509EncodedKeySpec(base64.decode(System.getProperty(PUBLIC_KEY)))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(System.getProperty(PRIVATE_KEY)))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
