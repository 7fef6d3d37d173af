package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void printsIpv4DottedQuad() {
        assertThat(IpAddress.parse("192.168.31.7").toString()).isEqualTo("192.168.31.7");
        assertThat(IpAddress.ipv4(0xC0A81F07).toString()).isEqualTo("192.168.31.7");
    }

    @Test
    void printsIpv6InRfc5952Form() {
        assertThat(IpAddress.parse("2001:0db8:0000:0000:0000:0000:0000:0001").toString()).isEqualTo("2001:db8::1");
        assertThat(IpAddress.parse("2001:db8:0:1:0:0:0:1").toString()).isEqualTo("2001:db8:0:1::1");
        assertThat(IpAddress.parse("fe80:0:0:1:0:0:0:0").toString()).isEqualTo("fe80:0:0:1::");
        assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
        assertThat(IpAddress.parse("2001:db8:1:2:3:4:5:6").toString()).isEqualTo("2001:db8:1:2:3:4:5:6");
        // a single zero group is not shortened (RFC 5952 section 4.2.2)
        assertThat(IpAddress.parse("2001:db8:0:1:1:1:1:1").toString()).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void roundTripsBytes() {
        byte[] b = IpAddress.parse("2408:8207:2470::5").toBytes();
        assertThat(IpAddress.ipv6(b, 0)).isEqualTo(IpAddress.parse("2408:8207:2470::5"));
        assertThat(IpAddress.ipv4(IpAddress.parse("8.8.4.4").toBytes(), 0)).isEqualTo(IpAddress.parse("8.8.4.4"));
    }

    @Test
    void classifiesPrivateRanges() {
        assertThat(IpAddress.parse("10.1.2.3").isPrivate()).isTrue();
        assertThat(IpAddress.parse("172.16.0.1").isPrivate()).isTrue();
        assertThat(IpAddress.parse("172.32.0.1").isPrivate()).isFalse();
        assertThat(IpAddress.parse("192.168.31.5").isPrivate()).isTrue();
        assertThat(IpAddress.parse("100.64.0.1").isPrivate()).isTrue();
        assertThat(IpAddress.parse("100.128.0.1").isPrivate()).isFalse();
        assertThat(IpAddress.parse("8.8.8.8").isPrivate()).isFalse();
        assertThat(IpAddress.parse("fd00::1").isPrivate()).isTrue();
        assertThat(IpAddress.parse("fe80::1").isPrivate()).isTrue();
        assertThat(IpAddress.parse("2408:8207::1").isPrivate()).isFalse();
    }

    @Test
    void rejectsHostNames() {
        assertThatThrownBy(() -> IpAddress.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpAddress.parse("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
    }
}
