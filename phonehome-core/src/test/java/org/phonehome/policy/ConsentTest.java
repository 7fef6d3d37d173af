package org.phonehome.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phonehome.report.Times;

class ConsentTest {

    @Test
    void parsesSwitchesWithAndWithoutTime() {
        assertThat(Consent.parse("cloud_messaging=off")).isEqualTo(new Consent("cloud_messaging", false, null));
        assertThat(Consent.parse("mi_cloud=ON")).isEqualTo(new Consent("mi_cloud", true, null));
        assertThat(Consent.parse("mi_cloud=on@2014-08-10T09:30:00Z"))
                .isEqualTo(new Consent("mi_cloud", true, Times.parseIso("2014-08-10T09:30:00Z")));
        assertThat(Consent.parse("mi_cloud=false").toString()).isEqualTo("mi_cloud=off");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mi_cloud", "=on", "mi_cloud=maybe", "mi_cloud=on@yesterday", ""})
    void refusesWhatItCannotRead(String text) {
        assertThatThrownBy(() -> Consent.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--consent");
    }
}
