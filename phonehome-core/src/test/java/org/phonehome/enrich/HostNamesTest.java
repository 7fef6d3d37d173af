package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phonehome.net.IpAddress;

class HostNamesTest {
    private static final IpAddress CDN = IpAddress.parse("23.1.2.3");

    @Test
    void aNameCountsOnlyFromItsAnswerOn() {
        HostNames n = new HostNames();
        n.answer("api.example.com", CDN, 100);
        assertThat(n.nameAt(CDN, 99)).isNull();
        assertThat(n.nameAt(CDN, 100)).isEqualTo("api.example.com");
    }

    @Test
    void theLatestAnswerBeforeTheConnectionWins() {
        HostNames n = new HostNames();
        n.answer("a.example.com", CDN, 100);
        n.answer("b.example.com", CDN, 200);
        assertThat(n.nameAt(CDN, 150)).isEqualTo("a.example.com");
        assertThat(n.nameAt(CDN, 250)).isEqualTo("b.example.com");
    }

    @Test
    void namesAreNormalised() {
        HostNames n = new HostNames();
        n.answer("API.Example.COM.", CDN, 1);
        assertThat(n.nameAt(CDN, 2)).isEqualTo("api.example.com");
        n.answer("<Root>", IpAddress.parse("1.1.1.1"), 1);
        assertThat(n.nameAt(IpAddress.parse("1.1.1.1"), 2)).isNull();
    }

    @Test
    void namesPerAddressAreBounded() {
        HostNames n = new HostNames();
        for (int i = 0; i < 100; i++) {
            n.answer("h" + i + ".example.com", CDN, i);
        }
        // the oldest ones were dropped; the latest is still known
        assertThat(n.nameAt(CDN, 1000)).isEqualTo("h99.example.com");
        assertThat(n.nameAt(CDN, 5)).isNull();
    }
}
