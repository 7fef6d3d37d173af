package org.phonehome.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BeaconDetectorTest {
    private static final long NANOS = 1_000_000_000L;
    /** 2014-08-10T09:00:00Z, a start for the synthetic traffic. */
    private static final long T0 = 1_407_661_200L * NANOS;

    /** Contacts every {@code period} seconds ± {@code jitter} (a fraction, uniform), sizes {@code size} ± 2%. */
    private static long[][] periodic(long seed, int n, double periodS, double jitter, long size) {
        Random r = new Random(seed);
        long[] starts = new long[n];
        long[] sizes = new long[n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += periodS * (1 + jitter * (2 * r.nextDouble() - 1));
            starts[i] = T0 + (long) (t * NANOS);
            sizes[i] = Math.round(size * (1 + 0.02 * (2 * r.nextDouble() - 1)));
        }
        return new long[][] {starts, sizes};
    }

    /** Browsing: exponential gaps of mean {@code meanS}, log-normal sizes around 2 KB (sigma 1). */
    private static long[][] poisson(long seed, int n, double meanS, boolean constantSizes) {
        Random r = new Random(seed);
        long[] starts = new long[n];
        long[] sizes = new long[n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += -meanS * Math.log(1 - r.nextDouble());
            starts[i] = T0 + (long) (t * NANOS);
            sizes[i] = constantSizes ? 700 : Math.round(2000 * Math.exp(r.nextGaussian()));
        }
        return new long[][] {starts, sizes};
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void jitteredBeaconIsFoundWithItsPeriod(long seed) {
        long[][] c = periodic(seed, 60, 300, 0.10, 650);
        BeaconScore s = BeaconDetector.score(c[0], c[1]).orElseThrow();

        assertThat(s.periodSeconds()).isCloseTo(300, within(30.0));
        assertThat(s.score()).isGreaterThan(0.8);
        assertThat(s.isBeacon()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fewJitteredContactsStillCount(long seed) {
        long[][] c = periodic(seed, 8, 60, 0.10, 650);
        BeaconScore s = BeaconDetector.score(c[0], c[1]).orElseThrow();
        assertThat(s.periodSeconds()).isCloseTo(60, within(6.0));
        assertThat(s.score()).isGreaterThan(0.8);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void poissonBrowsingScoresLow(long seed) {
        long[][] c = poisson(seed, 200, 60, false);
        BeaconScore s = BeaconDetector.score(c[0], c[1]).orElseThrow();
        assertThat(s.score()).isLessThan(0.5);
        assertThat(s.isBeacon()).isFalse();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomTimingIsNoBeaconEvenWithConstantSizes(long seed) {
        long[][] c = poisson(seed, 200, 60, true);
        BeaconScore s = BeaconDetector.score(c[0], c[1]).orElseThrow();
        assertThat(s.timingScore()).isLessThan(0.4);
        assertThat(s.isBeacon()).isFalse();
    }

    @Test
    void fewerThanTheMinimumGivesNothing() {
        long[][] c = periodic(1, BeaconDetector.MIN_CONTACTS - 1, 300, 0, 650);
        assertThat(BeaconDetector.score(c[0], c[1])).isEmpty();
    }

    @Test
    void simultaneousContactsAreNotIntervals() {
        long[] starts = {T0, T0, T0, T0 + NANOS, T0 + NANOS};
        assertThat(BeaconDetector.score(starts, new long[5])).isEmpty();
    }

    @Test
    void theExampleHeartbeatIsABeacon() {
        // examples/redmi-note.pcap: a POST, then 5 heartbeats ~1.51 s apart of 653 bytes each
        long post = T0;
        long[] starts = new long[6];
        long[] sizes = {2_900, 653, 653, 653, 653, 653};
        starts[0] = post;
        for (int i = 1; i < 6; i++) {
            starts[i] = post + 5_000_000_000L + (i - 1) * 1_510_000_000L;
        }
        BeaconScore s = BeaconDetector.score(starts, sizes).orElseThrow();
        assertThat(s.periodSeconds()).isCloseTo(1.51, within(0.01));
        assertThat(s.isBeacon()).isTrue();
        assertThat(s.toReport().periodS()).isEqualTo(1.51);
    }

    @Test
    void perDestinationAndOrderOfArrivalDoesNotMatter() {
        long[][] c = periodic(3, 20, 120, 0.05, 400);
        BeaconDetector d = new BeaconDetector();
        for (int i = c[0].length - 1; i >= 0; i--) {
            d.add("api.account.xiaomi.com", c[0][i], c[1][i]);
        }
        d.add("www.google.com", T0, 500);
        assertThat(d.scores()).containsOnlyKeys("api.account.xiaomi.com");
        assertThat(d.score("api.account.xiaomi.com")).isEqualTo(BeaconDetector.score(c[0], c[1]));
        assertThat(d.score("nowhere")).isEqualTo(Optional.empty());
    }

    @Test
    void mergingWorkersGivesTheSameScore() {
        long[][] c = periodic(4, 30, 120, 0.05, 400);
        BeaconDetector a = new BeaconDetector();
        BeaconDetector b = new BeaconDetector();
        for (int i = 0; i < c[0].length; i++) {
            (i % 2 == 0 ? a : b).add("h", c[0][i], c[1][i]);
        }
        a.merge(b);
        assertThat(a.score("h")).isEqualTo(BeaconDetector.score(c[0], c[1]));
    }

    @org.junit.jupiter.api.Test
    void aBurstOfContactsMillisecondsApartIsNotABeacon() {
        long[] starts = new long[9];
        long[] sizes = new long[9];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 1_000_000_000L + i * 1_000_000L; // 1 ms apart, like a page's DNS lookups
            sizes[i] = 80;
        }
        org.assertj.core.api.Assertions.assertThat(BeaconDetector.score(starts, sizes)).isEmpty();
    }

    @Test
    void contactsAreOrderedByStartWithTiesInTheOrderGiven() {
        long[] starts = {50, 10, 30, 10, 50, 20, 10};
        assertThat(BeaconDetector.orderByStart(starts)).containsExactly(1, 3, 6, 5, 2, 0, 4);
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 300; n++) {
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(20);
            }
            Integer[] expected = new Integer[n];
            java.util.Arrays.setAll(expected, i -> i);
            java.util.Arrays.sort(expected, (a, b) -> Long.compare(s[a], s[b])); // stable
            assertThat(BeaconDetector.orderByStart(s)).containsExactly(
                    java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }
}
