package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.flow.TestPackets.PHONE;
import static org.phonehome.flow.TestPackets.SECOND;
import static org.phonehome.flow.TestPackets.SERVER;
import static org.phonehome.flow.TestPackets.udp;

import org.junit.jupiter.api.Test;
import org.phonehome.Counters;

/** Two workers' flow tables holding flows together within one bound. */
class FlowBudgetTest {

    private final RecordingListener zeroSeen = new RecordingListener();
    private final RecordingListener oneSeen = new RecordingListener();
    private final Counters counters = new Counters();
    private final FlowBudget budget = new FlowBudget(2, 8);
    private final FlowTable zero = new FlowTable(FlowConfig.defaults(), zeroSeen, counters, new FlowShard(0, 2), null,
            budget);
    private final FlowTable one = new FlowTable(FlowConfig.defaults(), oneSeen, counters, new FlowShard(1, 2), null,
            budget);
    private long frame;

    /** A new UDP flow from {@code port}, for {@code mine} (the other table only sees its time). */
    private void flow(FlowTable mine, int port, long timeNanos) {
        frame++;
        mine.packet(udp(frame, timeNanos, PHONE, port, SERVER, 53, "q"), true);
        (mine == zero ? one : zero).passing(timeNanos);
    }

    @Test
    void aTableTakesThePoolWhileTheOtherHoldsNothingAndThenEndsItsOwnFlows() {
        // A bound of 8 for two tables: a floor of 2 each, 4 in the pool.
        for (int i = 0; i < 6; i++) {
            flow(one, 1000 + i, i);
        }
        assertThat(one.size()).isEqualTo(6);
        assertThat(counters.get("flow_evicted")).isZero();
        assertThat(budget.pooled()).isZero();
        flow(one, 1006, 6);
        assertThat(one.size()).isEqualTo(6);
        assertThat(oneSeen.log).contains("end 1 evicted");
        assertThat(counters.get("flow_evicted")).isEqualTo(1);
    }

    @Test
    void aTableMayAlwaysHoldItsFloor() {
        for (int i = 0; i < 6; i++) {
            flow(one, 1000 + i, i);
        }
        flow(zero, 2000, 10);
        flow(zero, 2001, 11);
        assertThat(zero.size()).isEqualTo(2);
        assertThat(counters.get("flow_evicted")).isZero();
        flow(zero, 2002, 12);
        assertThat(zero.size()).isEqualTo(2);
        assertThat(one.size()).isEqualTo(6);
        assertThat(zeroSeen.log).contains("end 7 evicted");
        assertThat(oneSeen.ended).isEmpty();
    }

    @Test
    void roomATableNoLongerUsesGoesBackToThePool() {
        for (int i = 0; i < 6; i++) {
            flow(one, 1000 + i, i);
        }
        // UDP flows end a minute after their last packet: the other table's flows are gone, and their room with them.
        zero.advanceTime(10 * 60 * SECOND);
        one.advanceTime(10 * 60 * SECOND);
        assertThat(one.size()).isZero();
        assertThat(budget.pooled()).isEqualTo(4);
        for (int i = 0; i < 6; i++) {
            flow(zero, 2000 + i, 10 * 60 * SECOND + i);
        }
        assertThat(zero.size()).isEqualTo(6);
        assertThat(counters.get("flow_evicted")).isZero();
    }

    @Test
    void flowsEndedAtTheCaptureEndGiveNoRoomBack() {
        // A worker that finishes first must not hand room to one still behind it in the capture.
        for (int i = 0; i < 6; i++) {
            flow(zero, 1000 + i, i);
        }
        zero.finish();
        assertThat(zero.size()).isZero();
        assertThat(budget.pooled()).isZero();
        flow(one, 2000, 10);
        flow(one, 2001, 11);
        flow(one, 2002, 12);
        assertThat(one.size()).isEqualTo(2);
        assertThat(oneSeen.log).contains("end 7 evicted");
    }

    @Test
    void theTablesTogetherNeverHoldMoreThanTheBound() {
        java.util.Random random = new java.util.Random(7);
        long time = 0;
        for (int i = 0; i < 5_000; i++) {
            time += random.nextInt(2 * (int) (SECOND / 10));
            flow(random.nextInt(3) == 0 ? zero : one, 1 + random.nextInt(60_000), time);
            assertThat(zero.size() + one.size()).isLessThanOrEqualTo(8);
            assertThat(zero.size() + one.size() + budget.pooled()).isLessThanOrEqualTo(8);
        }
        assertThat(counters.get("flow_evicted")).isPositive();
    }

    @Test
    void oneTableAloneHoldsExactlyTheBound() {
        FlowBudget alone = new FlowBudget(1, 5);
        FlowTable table = new FlowTable(FlowConfig.defaults(), zeroSeen, counters, FlowShard.ALL, null, alone);
        for (int i = 0; i < 9; i++) {
            table.packet(udp(i + 1, i, PHONE, 3000 + i, SERVER, 53, "q"));
            assertThat(table.size()).isEqualTo(Math.min(i + 1, 5));
        }
        assertThat(counters.get("flow_evicted")).isEqualTo(4);
        assertThat(new FlowBudget(2, 1).floor()).isZero();
    }
}
