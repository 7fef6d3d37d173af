package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowAnomalies;
import org.phonehome.flow.FlowConfig;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.FlowListener;
import org.phonehome.flow.FlowSummary;
import org.phonehome.flow.FlowTable;
import org.phonehome.flow.StreamChunk;
import org.phonehome.flow.TcpLimits;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

/**
 * The flow table and TCP reassembly on a sequence of packets between a few endpoints, with small bounds (3 flows,
 * 4 KiB and 16 segments buffered per direction) so eviction and the reassembly limits are reached.
 *
 * <p>Script ({@link FuzzScript}) op code: bit 0 UDP (else TCP); bits 1-2 the endpoint pair; bit 3 server to client
 * (else client to server); bits 4-6 the sequence number: 0 the next expected, 1 a jump of 2^31, 2 a retransmission
 * of the last segment's start, 3 the next plus the op's second byte (a hole), 4 the op's bytes 2-5 as is, 5 just
 * below the 2^32 wrap, 6 the next minus 2^31, 7 the next plus 2^32 - 1; bit 7 moves the clock 10 minutes on (idle
 * timeouts). The op's first byte is the TCP flags, its second the payload bytes announced but not captured; the
 * rest is the payload.
 *
 * <p>Checked: the table's safety net ({@code flow_internal_error}) is never used; each direction's stream is told
 * in order with no overlap and no hole that is not reported as a gap; every chunk lies inside its array; every flow
 * that starts ends exactly once, and nothing is told about a flow after it ended.
 */
class FlowTableFuzzTest {
    private static final String[][] PAIRS = {
        {"10.0.0.2", "93.184.216.34"}, {"10.0.0.2", "8.8.8.8"}, {"fd00::2", "2606:2800:220:1::1"},
        {"10.0.0.2", "10.0.0.2"}};
    private static final int[][] PORTS = {{40000, 443}, {40001, 53}, {40002, 80}, {5000, 5000}};
    private static final FlowConfig CONFIG = FlowConfig.defaults().withMaxFlows(3)
            .withTcpLimits(new TcpLimits(4096, 16, 1024));

    @FuzzTest
    void tracksAnyPackets(byte[] data) {
        Counters counters = new Counters();
        Checker checker = new Checker();
        FlowTable table = new FlowTable(CONFIG, checker, counters);
        long now = 1_700_000_000_000_000_000L;
        long[][] next = new long[PAIRS.length][2];
        long[][] last = new long[PAIRS.length][2];
        long frame = 0;
        for (FuzzScript.Op op : FuzzScript.parse(data)) {
            int code = op.code();
            byte[] b = op.bytes();
            int pair = (code >>> 1) & 3;
            int dir = (code >>> 3) & 1;
            boolean udp = (code & 1) != 0;
            if ((code & 0x80) != 0) {
                now += TimeUnit.MINUTES.toNanos(10);
            }
            now += 1_000_000;
            int flags = b.length > 0 ? b[0] & 0xff : 0;
            int missing = b.length > 1 ? b[1] & 0xff : 0;
            int payloadStart = Math.min(b.length, 2);
            long seq = switch ((code >>> 4) & 7) {
                case 0 -> next[pair][dir];
                case 1 -> next[pair][dir] + (1L << 31);
                case 2 -> last[pair][dir];
                case 3 -> next[pair][dir] + missing;
                case 4 -> b.length >= 6 ? (((b[2] & 0xffL) << 24) | ((b[3] & 0xff) << 16) | ((b[4] & 0xff) << 8)
                        | (b[5] & 0xff)) : 0;
                case 5 -> 0xffffffffL - missing;
                case 6 -> next[pair][dir] - (1L << 31);
                default -> next[pair][dir] + 0xffffffffL;
            } & 0xffffffffL;
            int payloadLength = b.length - payloadStart;
            last[pair][dir] = seq;
            next[pair][dir] = (seq + payloadLength + missing + ((flags & 0x03) != 0 ? 1 : 0)) & 0xffffffffL;
            String[] ips = PAIRS[pair];
            int[] ports = PORTS[pair];
            IpAddress src = IpAddress.parse(ips[dir]);
            IpAddress dst = IpAddress.parse(ips[1 - dir]);
            frame++;
            table.packet(new TransportPacket(frame, frame, 1, 40L + b.length, now, src, dst,
                    udp ? TransportPacket.UDP : TransportPacket.TCP, ports[dir], ports[1 - dir],
                    udp ? 0 : seq, 0, udp ? 0 : flags, 65535, b, payloadStart, payloadLength,
                    missing, null));
        }
        table.finish();
        assertThat(counters.get(FlowAnomalies.FLOW_INTERNAL_ERROR)).as("flow table safety net used: %s", counters)
                .isZero();
        assertThat(checker.live).as("flows never ended").isEmpty();
        assertThat(table.size()).isZero();
    }

    /** Checks what the table tells its listener. */
    private static final class Checker implements FlowListener {
        final Set<Long> live = new HashSet<>();
        final Set<Long> ended = new HashSet<>();
        /** Next expected stream offset per flow id and direction. */
        final Map<Long, long[]> offsets = new HashMap<>();

        @Override
        public void flowStarted(FlowInfo flow) {
            assertThat(ended).as("flow id reused").doesNotContain(flow.id());
            assertThat(live.add(flow.id())).as("flow started twice").isTrue();
            offsets.put(flow.id(), new long[2]);
        }

        @Override
        public void payload(FlowInfo flow, Direction direction, StreamChunk chunk) {
            assertThat(live).as("payload of a flow not live").contains(flow.id());
            assertThat(chunk.length()).isPositive();
            assertThat(chunk.offset()).isNotNegative();
            assertThat((long) chunk.offset() + chunk.length()).isLessThanOrEqualTo(chunk.data().length);
            long[] o = offsets.get(flow.id());
            assertThat(chunk.streamOffset()).as("%s stream offset of flow %d", direction, flow.id())
                    .isEqualTo(o[direction.ordinal()]);
            o[direction.ordinal()] += chunk.length();
        }

        @Override
        public void gap(FlowInfo flow, Direction direction, long streamOffset, long length) {
            assertThat(live).as("gap in a flow not live").contains(flow.id());
            assertThat(length).isPositive();
            long[] o = offsets.get(flow.id());
            assertThat(streamOffset).as("%s gap offset of flow %d", direction, flow.id())
                    .isEqualTo(o[direction.ordinal()]);
            o[direction.ordinal()] = streamOffset + length;
        }

        @Override
        public void flowEnded(FlowSummary summary) {
            long id = summary.info().id();
            assertThat(live.remove(id)).as("flow %d ended but not live", id).isTrue();
            ended.add(id);
        }
    }

}
