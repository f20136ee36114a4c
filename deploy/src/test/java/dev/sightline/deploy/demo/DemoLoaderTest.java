package dev.sightline.deploy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sightline.verifier.note.CosignatureSigner;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The demo loader reads the witness key that {@code deploy/local/sightline} passes it exactly as the witness
 * publishes it. A base64 key holds a '+' about every other time, and the loader once split the whole key at every
 * '+': on a fresh machine whose witness key had one, {@code up} stopped at "Demo data".
 */
class DemoLoaderTest {
    private static final String NAME = "witness.eu-regulator.example/w1";

    @Test
    void readsTheWitnessNameOfEveryKeyTheWitnessCanHave() {
        int withPlus = 0;
        for (int i = 0; i < 200; i++) {
            byte[] seed = ByteBuffer.allocate(32).putInt(i).array();
            String key = CosignatureSigner.fromSeed(NAME, seed).verifier().encoded();
            String base64 = key.substring(NAME.length() + "+01234567+".length());
            if (base64.indexOf('+') >= 0) {
                withPlus++;
            }
            assertEquals(NAME, DemoLoader.witnessName(key), key);
            assertEquals(NAME, DemoLoader.witnessName(key + "\n"), "as curl prints it: " + key);
        }
        assertTrue(withPlus >= 20, "keys with a '+' in their base64: " + withPlus);
    }
}
