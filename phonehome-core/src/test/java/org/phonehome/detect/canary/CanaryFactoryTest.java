package org.phonehome.detect.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.detect.profile.Canaries;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.detect.profile.Location;

class CanaryFactoryTest {

    @Test
    void makesAValidMobileNumberOfTheRegion() throws Exception {
        CanaryFactory f = new CanaryFactory(new Random(1));
        for (String region : new String[] {"CN", "DE", "US", "IN", "GB"}) {
            String number = f.mobileNumber(region);
            PhoneNumberUtil u = PhoneNumberUtil.getInstance();
            var parsed = u.parse(number, region);
            assertThat(u.isValidNumber(parsed)).as(number).isTrue();
            assertThat(u.getRegionCodeForNumber(parsed)).isEqualTo(region);
        }
    }

    @Test
    void twoSetsShareNothing() {
        Canaries a = new CanaryFactory(new Random(1)).create("CN", null);
        Canaries b = new CanaryFactory(new Random(2)).create("CN", null);
        assertThat(a.strings()).doesNotContainAnyElementsOf(b.strings());
        assertThat(a.messages()).doesNotContainAnyElementsOf(b.messages());
        assertThat(a.urls()).doesNotContainAnyElementsOf(b.urls());
        assertThat(a.contacts().get(0).phone()).isNotEqualTo(b.contacts().get(0).phone());
    }

    @Test
    void locationIsNearTheGivenPlace() {
        Location near = new Location(new BigDecimal("22.54321"), new BigDecimal("114.05678"));
        Location l = new CanaryFactory(new Random(3)).create("CN", near).locations().get(0);
        assertThat(Math.abs(l.lat().doubleValue() - 22.54321)).isLessThan(0.05);
        assertThat(Math.abs(l.lon().doubleValue() - 114.05678)).isLessThan(0.05);
        assertThat(l.lat().scale()).isEqualTo(5);
    }

    @Test
    void skeletonIsAProfileThePhonehomeLoaderReads() throws Exception {
        Canaries c = new CanaryFactory(new Random(4)).create("CN", null);
        String yaml = DeviceYamlSkeleton.of("Redmi \"test\" unit", c);
        DeviceProfile p = DeviceProfileLoader.load(yaml, "device.yaml");
        assertThat(p.name()).isEqualTo("Redmi \"test\" unit");
        assertThat(p.canaries()).isEqualTo(c);
        assertThat(p.warnings()).isEmpty();
    }
}
