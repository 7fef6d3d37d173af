package org.phonehome.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.net.IpAddress;

class HostNamesTest {
    private static final IpAddress CDN = IpAddress.parse("23.1.2.3");

    @Test
    void aNameCountsOnlyFromItsAnswerOn() {
        HostNames n = new HostNames();
        n.answer("api.example.com", CDN, 100, 1);
        assertThat(n.nameAt(CDN, 99, 5)).isNull();
        assertThat(n.nameAt(CDN, 100, 5)).isEqualTo("api.example.com");
    }

    @Test
    void anAnswerInALaterFrameDoesNotNameAnEarlierConnection() {
        HostNames n = new HostNames();
        n.answer("api.example.com", CDN, 100, 7);
        // a capture whose clock went backwards: the answer's time is before the connection, its frame after
        assertThat(n.nameAt(CDN, 200, 7)).isNull();
        assertThat(n.nameAt(CDN, 200, 8)).isEqualTo("api.example.com");
    }

    @Test
    void theLatestAnswerBeforeTheConnectionWins() {
        HostNames n = new HostNames();
        n.answer("a.example.com", CDN, 100, 1);
        n.answer("b.example.com", CDN, 200, 2);
        assertThat(n.nameAt(CDN, 150, 10)).isEqualTo("a.example.com");
        assertThat(n.nameAt(CDN, 250, 10)).isEqualTo("b.example.com");
    }

    @Test
    void namesAreNormalised() {
        HostNames n = new HostNames();
        n.answer("API.Example.COM.", CDN, 1, 1);
        assertThat(n.nameAt(CDN, 2, 2)).isEqualTo("api.example.com");
        n.answer("<Root>", IpAddress.parse("1.1.1.1"), 1, 1);
        assertThat(n.nameAt(IpAddress.parse("1.1.1.1"), 2, 2)).isNull();
    }

    @Test
    void namesPerAddressAreBoundedAndTheLatestKept() {
        HostNames n = new HostNames();
        boolean allKept = true;
        for (int i = 0; i < 100; i++) {
            allKept &= n.answer("h" + i + ".example.com", CDN, i, i + 1);
        }
        assertThat(allKept).isFalse();
        assertThat(n.nameAt(CDN, 1000, 1000)).isEqualTo("h99.example.com");
        assertThat(n.nameAt(CDN, 5, 1000)).isNull();
        assertThat(n.nameAt(CDN, 100 - HostNames.MAX_NAMES_PER_ADDRESS, 1000))
                .isEqualTo("h" + (100 - HostNames.MAX_NAMES_PER_ADDRESS) + ".example.com");
    }

    @Test
    void theOrderAnswersArriveInDoesNotChangeTheName() {
        // Workers add the answers of their own flows in their own order; every lookup must come out the same.
        List<int[]> answers = new ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            answers.add(new int[] {r.nextInt(6), r.nextInt(10), r.nextInt(50), r.nextInt(50)}); // host, ip, time, frame
        }
        HostNames inOrder = fill(answers);
        for (int round = 0; round < 20; round++) {
            List<int[]> shuffled = new ArrayList<>(answers);
            Collections.shuffle(shuffled, r);
            HostNames other = fill(shuffled);
            for (int ip = 0; ip < 10; ip++) {
                for (int t = 0; t <= 50; t += 5) {
                    for (int f = 0; f <= 50; f += 5) {
                        assertThat(other.nameAt(ip(ip), t, f)).isEqualTo(inOrder.nameAt(ip(ip), t, f));
                    }
                }
            }
        }
    }

    @Test
    void aLookupWaitsForTheFramesBeforeTheConnection() {
        List<Long> waitedFor = new ArrayList<>();
        HostNames n = new HostNames(new HostNames.FrameBarrier() {
            @Override
            public boolean passed(long frame) {
                return frame <= 40;
            }

            @Override
            public void awaitFramesBefore(long frame) {
                waitedFor.add(frame);
            }
        });
        n.nameAt(CDN, 10, 42);
        assertThat(waitedFor).containsExactly(42L);
        assertThat(n.settledBefore(40)).isTrue();
        assertThat(n.settledBefore(42)).isFalse();
    }

    private static HostNames fill(List<int[]> answers) {
        HostNames n = new HostNames();
        for (int[] a : answers) {
            n.answer("h" + a[0] + ".example.com", ip(a[1]), a[2], a[3]);
        }
        return n;
    }

    private static IpAddress ip(int i) {
        return IpAddress.parse("10.0.0." + i);
    }
}
