package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phonehome.net.IpAddress;

/** Special-purpose ranges are named, with no country or ASN, whatever the database would say. */
class SpecialRangesTest {

    private static final GeoDatabase DB = GeoDatabase.bundled();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(nullValues = "-", value = {
        "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
        "172.15.255.255, -", "172.32.0.0, -", "192.169.0.1, -",
        "127.0.0.1, loopback", "127.255.255.254, loopback", "::1, loopback",
        "169.254.10.20, link_local", "fe80::1, link_local", "febf:ffff::1, link_local",
        "100.64.0.1, cgnat", "100.127.255.255, cgnat", "100.63.255.255, -", "100.128.0.0, -",
        "192.0.2.1, documentation", "198.51.100.7, documentation", "203.0.113.255, documentation",
        "2001:db8::1, documentation", "3fff::1, documentation",
        "224.0.0.251, multicast", "239.255.255.250, multicast", "ff02::fb, multicast",
        "fc00::1, unique_local", "fd12:3456::1, unique_local",
        "0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified",
        "255.255.255.255, broadcast", "240.0.0.1, reserved",
        "198.18.0.1, benchmarking", "2001:2::1, benchmarking", "192.0.0.9, protocol_assignments",
        "100::1, discard",
        "::ffff:192.168.1.1, private", "64:ff9b::10.0.0.1, private",
        "8.8.8.8, -", "1.1.1.1, -", "2001:4860:4860::8888, -"})
    void named(String address, String expected) {
        IpAddress ip = IpAddress.parse(address);
        GeoDatabase.Lookup got = DB.lookup(ip);
        assertThat(got.network()).isEqualTo(expected);
        if (expected != null) {
            assertThat(got.country()).isNull();
            assertThat(got.asn()).isNull();
            assertThat(got.org()).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource({"::ffff:1.2.3.4, 1.2.3.4", "64:ff9b::0102:0304, 1.2.3.4"})
    void ipv4InsideIpv6(String v6, String v4) {
        assertThat(SpecialRanges.embeddedIpv4(IpAddress.parse(v6))).isEqualTo(IpAddress.parse(v4));
    }

    @ParameterizedTest
    @CsvSource({"2001:db8::1", "1.2.3.4", "64:ff9b:1::1"})
    void noIpv4Inside(String address) {
        assertThat(SpecialRanges.embeddedIpv4(IpAddress.parse(address))).isNull();
    }
}
