package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.flow.TestPackets.PHONE;
import static org.phonehome.flow.TestPackets.SERVER;
import static org.phonehome.flow.TestPackets.udp;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phonehome.net.TransportPacket;

class FlowShardTest {

    @Test
    void bothDirectionsOfAFlowFallToTheOneWorkerThatOwnsThem() {
        Set<Integer> used = new HashSet<>();
        for (int port = 40000; port < 40200; port++) {
            TransportPacket out = udp(1, 0, PHONE, port, SERVER, 53, "q");
            TransportPacket in = udp(2, 1, SERVER, 53, PHONE, port, "a");
            for (int count = 1; count <= 5; count++) {
                int worker = FlowShard.workerOf(out, count);
                assertThat(FlowShard.workerOf(in, count)).isEqualTo(worker);
                assertThat(worker).isBetween(0, count - 1);
                int owners = 0;
                for (int i = 0; i < count; i++) {
                    if (new FlowShard(i, count).owns(out)) {
                        owners++;
                        assertThat(i).isEqualTo(worker);
                    }
                }
                assertThat(owners).isEqualTo(1);
                if (count == 3) {
                    used.add(worker);
                }
            }
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aPacketWithoutEndpointsFallsToTheFirstWorker() {
        assertThat(FlowShard.workerOf(null, 4)).isZero();
        assertThat(new FlowShard(0, 4).owns(null)).isTrue();
        assertThat(new FlowShard(1, 4).owns(null)).isFalse();
    }
}
