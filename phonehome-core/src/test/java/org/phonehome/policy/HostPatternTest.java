package org.phonehome.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "*.xiaomi.com,        api.account.xiaomi.com,   true",
        "*.xiaomi.com,        sdkconfig.ad.xiaomi.com,  true",
        "*.xiaomi.com,        xiaomi.com,               false",
        "*.xiaomi.com,        evilxiaomi.com,           false",
        "*.xiaomi.com,        api.xiaomi.com.evil.cn,   false",
        "*.xiaomi.com,        API.Account.XIAOMI.com.,  true",
        "tracking.*.miui.com, tracking.intl.miui.com,   true",
        "tracking.*.miui.com, tracking.miui.com,        false",
        "tracking.*.miui.com, tracking.a.b.miui.com,    false",
        "update.miui.com,     update.miui.com,          true",
        "update.miui.com,     update.miui.com.cn,       false",
        "api*.example.com,    api2.example.com,         true",
        "api*.example.com,    x.api2.example.com,       false",
        "*,                   anything.example,         true",
        "111.13.141.211,      111.13.141.211,           true",
        "111.13.141.211,      111.13.141.2110,          false",
        "2001:db8::1,         2001:DB8::1,              true",
    })
    void matches(String pattern, String host, boolean expected) {
        assertThat(HostPattern.parse(pattern).matches(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "**", "**.xiaomi.com", "a..b", ".xiaomi.com", "xiaomi com", "http://x.com",
        "*:80"})
    void patternsThatMatchNothingAreRefused(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches nothing");
    }

    @org.junit.jupiter.api.Test
    void exactIsMoreSpecificThanWildcardAndMoreLabelsWin() {
        assertThat(HostPattern.parse("api.xiaomi.com").specificity())
                .isGreaterThan(HostPattern.parse("*.api.xiaomi.com").specificity());
        assertThat(HostPattern.parse("*.ad.xiaomi.com").specificity())
                .isGreaterThan(HostPattern.parse("*.xiaomi.com").specificity());
    }

    @org.junit.jupiter.api.Test
    void overlongHostsMatchNothing() {
        String host = "a.".repeat(200) + "xiaomi.com";
        assertThat(HostPattern.parse("*.xiaomi.com").matches(host)).isFalse();
    }
}
