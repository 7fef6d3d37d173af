package org.phonehome.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.Endpoint;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.FlowSummary;
import org.phonehome.net.IpAddress;

/** Ended flows wait for their DNS names without blocking the worker, and are handed on in the order they ended. */
class ProtocolStageNamingTest {

    private static final IpAddress SERVER = IpAddress.parse("203.0.113.9");

    /** The other workers have handled the frames before {@link #done}; a lookup past it would have to wait. */
    private static final class OtherWorkers implements HostNames.FrameBarrier {
        long done;
        int waits;

        @Override
        public boolean passed(long frame) {
            return frame <= done;
        }

        @Override
        public void awaitFramesBefore(long frame) {
            if (frame > done) {
                waits++;
                done = frame; // a real barrier returns once the others get there
            }
        }
    }

    private static FlowSummary flow(long firstFrame) {
        FlowInfo info = new FlowInfo(firstFrame, "udp", new Endpoint(IpAddress.parse("192.168.1.2"), 40000),
                new Endpoint(SERVER, 7000), "private", firstFrame, firstFrame * 1000, null);
        return new FlowSummary(info, null, 1, 60, 0, 0, 10, 0, firstFrame * 1000 + 1, "idle_timeout", Map.of());
    }

    @Test
    void flowsWhoseNamesAreNotSettledWaitAndKeepTheirOrder() {
        OtherWorkers others = new OtherWorkers();
        HostNames names = new HostNames(others);
        names.answer("svc.example.net", SERVER, 0, 5);
        List<Long> ended = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        ProtocolStage stage = new ProtocolStage(new ProtocolListener() {
            @Override
            public void flowEnded(NamedFlow flow) {
                ended.add(flow.summary().info().id());
                hosts.add(flow.host());
            }
        }, new Counters(), new TlsKeys(null), ProtocolLimits.DEFAULTS, names, ParserMemory.forHeap());

        others.done = 10;
        stage.flowEnded(flow(8)); // settled: handed on at once
        stage.flowEnded(flow(20)); // the others are before frame 20: it waits
        stage.flowEnded(flow(9)); // settled, but after a waiting flow: it waits too, to keep the order
        assertThat(ended).containsExactly(8L);

        stage.nameEnded();
        assertThat(ended).containsExactly(8L);
        others.done = 25;
        stage.nameEnded();
        assertThat(ended).containsExactly(8L, 20L, 9L);
        assertThat(hosts).containsOnly("svc.example.net");

        stage.flowEnded(flow(40));
        stage.nameAllEnded(); // the capture's end: waits for the others instead
        assertThat(ended).containsExactly(8L, 20L, 9L, 40L);
        assertThat(others.waits).isEqualTo(1);
    }
}
