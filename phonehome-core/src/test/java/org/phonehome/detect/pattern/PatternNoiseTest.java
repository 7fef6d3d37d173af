package org.phonehome.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** False-positive property: 5 MB of seeded realistic noise with no personal data yields no hit at all. */
class PatternNoiseTest {
    private static final long NOISE_BYTES = 5L << 20;

    @Test
    void noiseGivesNoHits() {
        PatternDetector detector = new PatternDetector(PatternConfig.all("CN"));
        List<PatternHit> hits = new ArrayList<>();
        for (byte[] part : new Noise(20240601L).parts(NOISE_BYTES)) {
            hits.addAll(detector.scan(part, 0, part.length, null));
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void identifiersInNoiseAreAllFound() {
        PatternDetector detector = new PatternDetector(PatternConfig.all("CN"));
        Noise noise = new Noise(99);
        String needles = "&imei=864048021234566&imsi=460001234567890&iccid=89860012345678901238"
                + "&email=li.wei@xiaomi.com&phone=13800138000&gaid=3f2504e0-4f89-41d3-9a0c-0305e82c3301"
                + "&mac=a4:5e:60:c2:11:0f&ll=22.543,114.057&";
        for (int i = 0; i < 200; i++) {
            String text = noise.part() + needles + noise.part();
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(detector.scan(bytes, 0, bytes.length, null)).extracting(PatternHit::identifier)
                    .as(text).containsExactlyInAnyOrder("imei", "imsi", "iccid", "email", "phone", "advertising_id",
                            "wifi_mac", "location");
        }
    }

    @Test
    void generatedNumbersOfIdentifierLengthsFailLuhn() {
        Noise noise = new Noise(1);
        for (int i = 0; i < 10_000; i++) {
            String n = noise.number();
            if (n.length() == 15 || n.length() >= 19) {
                assertThat(org.phonehome.detect.profile.Luhn.isValid(n)).as(n).isFalse();
            }
        }
    }
}
