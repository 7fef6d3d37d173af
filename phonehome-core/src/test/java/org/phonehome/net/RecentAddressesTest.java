package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentAddressesTest {

    @Test
    void anAddressSeenJustBeforeIsTheSameObject() {
        RecentAddresses recent = new RecentAddresses();
        byte[] b = {0, 10, 0, 0, 2, 0};
        IpAddress first = recent.at(b, 1, 4);
        assertThat(first).isEqualTo(IpAddress.parse("10.0.0.2"));
        assertThat(recent.at(b.clone(), 1, 4)).isSameAs(first);
        byte[] v6 = IpAddress.parse("2001:db8::1").toBytes();
        IpAddress six = recent.at(v6, 0, 6);
        assertThat(six).isEqualTo(IpAddress.parse("2001:db8::1"));
        assertThat(recent.at(v6.clone(), 0, 6)).isSameAs(six);
    }

    /**
     * Many more addresses than slots, in triples that share their low bits (a.b.c.d, ::a.b.c.d and an IPv6
     * address ending in a.b.c.d), looked up in turn: every answer is the address in the bytes, whatever address
     * the slot held before.
     */
    @Test
    void alwaysGivesTheAddressInTheBytes() {
        Random random = new Random(1);
        int triples = 4000;
        byte[][] v4 = new byte[triples][4];
        byte[][] mapped = new byte[triples][16];
        byte[][] v6 = new byte[triples][16];
        for (int k = 0; k < triples; k++) {
            random.nextBytes(v4[k]);
            random.nextBytes(v6[k]);
            System.arraycopy(v4[k], 0, mapped[k], 12, 4);
            System.arraycopy(v4[k], 0, v6[k], 12, 4);
            java.util.Arrays.fill(v6[k], 8, 12, (byte) 0);
        }
        RecentAddresses recent = new RecentAddresses();
        for (int n = 0; n < 200_000; n++) {
            int k = random.nextInt(triples);
            switch (random.nextInt(3)) {
                case 0 -> assertThat(recent.at(v4[k], 0, 4)).isEqualTo(IpAddress.ipv4(v4[k], 0));
                case 1 -> assertThat(recent.at(mapped[k], 0, 6)).isEqualTo(IpAddress.ipv6(mapped[k], 0));
                default -> assertThat(recent.at(v6[k], 0, 6)).isEqualTo(IpAddress.ipv6(v6[k], 0));
            }
        }
    }
}
