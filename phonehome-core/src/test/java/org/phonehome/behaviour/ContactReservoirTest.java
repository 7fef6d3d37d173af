package org.phonehome.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactReservoirTest {

    @Test
    void keepsTheLastContactsAndCountsTheDropped() {
        ContactReservoir r = new ContactReservoir(5);
        for (int i = 1; i <= 8; i++) {
            r.add(i * 100L, i);
        }
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.dropped()).isEqualTo(3);
        assertThat(r.starts()).containsExactly(400, 500, 600, 700, 800);
        assertThat(r.sizes()).containsExactly(4, 5, 6, 7, 8);
    }

    @Test
    void growsOnDemand() {
        ContactReservoir r = new ContactReservoir(BeaconDetector.MAX_CONTACTS_PER_DESTINATION);
        for (int i = 0; i < 20; i++) {
            r.add(i, i);
        }
        assertThat(r.size()).isEqualTo(20);
        assertThat(r.starts()).hasSize(20).startsWith(0, 1, 2).endsWith(19);
        assertThat(r.dropped()).isZero();
    }
}
