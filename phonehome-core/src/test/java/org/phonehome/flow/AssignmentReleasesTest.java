package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

class AssignmentReleasesTest {
    private static final FlowConfig CONFIG = FlowConfig.defaults();
    private static final IpAddress PHONE = IpAddress.parse("192.168.31.7");
    private static final IpAddress SERVER = IpAddress.parse("203.0.113.5");

    /** Two workers, each new flow to worker 0 (a new one for each test). */
    private final FlowAssignment a = new FlowAssignment(CONFIG, 2, hashed -> 0);
    /** Worker 0's word. */
    private final AssignmentReleases r = new AssignmentReleases(0);

    /** Gives {@link #a} one entry, last given a packet at frame 1, and one flow under it in {@link #r}; its hash. */
    private long entryWithAFlow() {
        TransportPacket p = TestPackets.udp(1, 1000, PHONE, 5000, SERVER, 53, "q");
        a.workerOf(p);
        long h = FlowAssignment.hash(p);
        r.started(h);
        return h;
    }

    /** The entries {@link #a} still holds once worker 0 ended a flow under {@code h} at {@code frame}. */
    private int liveAfterEnd(long h, long frame) {
        r.handling(frame);
        r.ended(h);
        r.drainTo(a);
        return a.live();
    }

    @Test
    void aHashIsReleasedWhenTheLastFlowUnderItEnds() {
        long h = entryWithAFlow();
        r.started(h); // two flows under one hash (their endpoints' hashes collide)
        assertThat(liveAfterEnd(h, 5)).as("one flow still held").isEqualTo(1);
        assertThat(liveAfterEnd(h, 5)).isZero();
    }

    @Test
    void theWordCarriesTheFrameBeingHandled() {
        long h = entryWithAFlow();
        // Ended while handling the entry's own last packet: that packet may have begun a flow.
        assertThat(liveAfterEnd(h, 1)).isEqualTo(1);
        r.started(h);
        assertThat(liveAfterEnd(h, 2)).isZero();
    }

    @Test
    void aFullRingDropsWordsAndCountsThem() {
        int n = AssignmentReleases.MAX_WORDS + 10;
        for (int i = 0; i < n; i++) {
            TransportPacket p = TestPackets.udp(1 + i, 1000, PHONE, 1024 + i, SERVER, 53, "q");
            a.workerOf(p);
            r.started(FlowAssignment.hash(p));
        }
        r.handling(n + 1);
        for (int i = 0; i < n; i++) {
            r.ended(FlowAssignment.hash(TestPackets.udp(1 + i, 1000, PHONE, 1024 + i, SERVER, 53, "q")));
        }
        assertThat(r.dropped()).isEqualTo(10);
        r.drainTo(a);
        assertThat(a.live()).isEqualTo(10); // the dropped ones wait for their timeout
        r.drainTo(a); // nothing twice
        assertThat(a.live()).isEqualTo(10);
    }

    @Test
    void countsAsAMapDoesWithKeysThatShareSlots() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            AssignmentReleases.HashCounts counts = new AssignmentReleases.HashCounts();
            Map<Long, Integer> reference = new HashMap<>();
            // Few distinct slots (the bits above 40), so that deletions must move the entries after them.
            int slots = 1 + random.nextInt(8);
            for (int step = 0; step < 5_000; step++) {
                long key = ((long) random.nextInt(slots) << 40 | random.nextInt(40) << 11) | 1L << 62;
                if (random.nextInt(3) == 0 || !reference.containsKey(key)) {
                    counts.increment(key);
                    reference.merge(key, 1, Integer::sum);
                } else {
                    int left = reference.get(key) - 1;
                    if (left == 0) {
                        reference.remove(key);
                    } else {
                        reference.put(key, left);
                    }
                    assertThat(counts.decrement(key)).isEqualTo(left);
                }
                assertThat(counts.size()).isEqualTo(reference.size());
            }
            for (Map.Entry<Long, Integer> e : reference.entrySet()) {
                for (int left = e.getValue() - 1; left >= 0; left--) {
                    assertThat(counts.decrement(e.getKey())).isEqualTo(left);
                }
            }
            assertThat(counts.size()).isZero();
            assertThat(counts.decrement(1L << 62)).isZero(); // never counted
        }
    }
}
