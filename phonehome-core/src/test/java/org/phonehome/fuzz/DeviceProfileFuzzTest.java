package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.phonehome.Counters;
import org.phonehome.detect.DetectionOptions;
import org.phonehome.detect.Detector;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.detect.profile.ProfileException;

/**
 * The device profile loader on any text (YAML syntax, value validation, phone/location/MAC formats), then the
 * variant generator and matcher build of a profile it accepts. Only {@link ProfileException} (one line naming the
 * file and line) may escape the loader; a loaded profile always builds a detector.
 */
class DeviceProfileFuzzTest {

    @FuzzTest
    void loadsAnyText(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        DeviceProfile profile;
        try {
            profile = DeviceProfileLoader.load(yaml, "device.yaml");
        } catch (ProfileException e) {
            assertThat(e.getMessage()).startsWith("device.yaml").doesNotContain("\n");
            return;
        }
        assertThat(profile).isNotNull();
        assertThat(profile.warnings()).doesNotContainNull();
        Detector.forProfile(profile, DetectionOptions.defaults(), new Counters());
    }
}
