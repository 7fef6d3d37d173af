package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.phonehome.flow.TestPackets.ACK;
import static org.phonehome.flow.TestPackets.FIN;
import static org.phonehome.flow.TestPackets.PHONE;
import static org.phonehome.flow.TestPackets.PSH;
import static org.phonehome.flow.TestPackets.RST;
import static org.phonehome.flow.TestPackets.SECOND;
import static org.phonehome.flow.TestPackets.SERVER;
import static org.phonehome.flow.TestPackets.SERVER2;
import static org.phonehome.flow.TestPackets.SYN;
import static org.phonehome.flow.TestPackets.in;
import static org.phonehome.flow.TestPackets.out;
import static org.phonehome.flow.TestPackets.tcp;
import static org.phonehome.flow.TestPackets.udp;

import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.capture.AppAttribution;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

/** Scripts of packets in, listener calls out. */
class FlowTableTest {
    private final RecordingListener listener = new RecordingListener();
    private final Counters counters = new Counters();
    private FlowTable table = new FlowTable(FlowConfig.defaults(), listener, counters);

    private void handshakeAndExchange() {
        table.packet(out(1, 100, SYN, ""));
        table.packet(in(2, 900, SYN | ACK, ""));
        table.packet(out(3, 101, ACK, ""));
        table.packet(out(4, 101, PSH | ACK, "GET / HTTP/1.1\r\n\r\n"));
        table.packet(in(5, 901, PSH | ACK, "HTTP/1.1 200 OK\r\n\r\n"));
    }

    @Test
    void connectionIsReportedInOrderAndEndsAfterTheLingerOfItsClose() {
        handshakeAndExchange();
        table.packet(out(6, 119, FIN | ACK, ""));
        table.packet(in(7, 920, FIN | ACK, ""));
        table.packet(out(8, 120, ACK, "")); // the last ACK still counts in this flow
        assertThat(listener.ended).isEmpty();
        table.advanceTime(8000 + FlowConfig.DEFAULT_CLOSED_LINGER_NANOS + 1);
        assertThat(listener.log).containsExactly(
                "start 1 tcp 192.168.31.7:40000 -> 203.0.113.5:443 by syn",
                "payload 1 outbound @0 \"GET / HTTP/1.1\r\n\r\n\" frame 4",
                "payload 1 inbound @0 \"HTTP/1.1 200 OK\r\n\r\n\" frame 5",
                "end 1 fin");
        FlowSummary s = listener.summary(1);
        assertThat(s.packetsOut()).isEqualTo(5);
        assertThat(s.packetsIn()).isEqualTo(3);
        assertThat(s.payloadOut()).isEqualTo(18);
        assertThat(s.payloadIn()).isEqualTo(19);
        assertThat(s.bytesOut()).isEqualTo(5 * 54 + 18);
        assertThat(s.endNanos()).isEqualTo(8000);
        assertThat(s.anomalies()).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void simultaneousCloseEndsWithFin() {
        handshakeAndExchange();
        table.packet(out(6, 119, FIN | ACK, ""));
        table.packet(in(7, 920, FIN | ACK, "")); // both FINs cross before either is acknowledged
        table.finish();
        assertThat(listener.summary(1).endReason()).isEqualTo("fin");
    }

    @Test
    void rstEndsTheFlow() {
        handshakeAndExchange();
        table.packet(in(6, 920, RST, ""));
        table.advanceTime(6000 + FlowConfig.DEFAULT_CLOSED_LINGER_NANOS + 1);
        assertThat(listener.summary(1).endReason()).isEqualTo("rst");
    }

    @Test
    void idleFlowIsEndedByItsTimeout() {
        table.packet(udp(1, 0, PHONE, 5353, SERVER, 53, "query"));
        table.packet(out(2, 100, SYN, ""));
        table.packet(udp(3, 2 * 60 * SECOND, PHONE, 5000, SERVER2, 53, "other")); // UDP idle is 1 min
        assertThat(listener.log).contains("end 1 idle_timeout");
        assertThat(listener.ended).hasSize(1);
        table.advanceTime(10 * 60 * SECOND); // TCP idle is 5 min for an unanswered SYN
        assertThat(listener.ended).extracting(x -> x.info().id()).containsExactly(1L, 2L, 3L);
        assertThat(counters.get("flow_idle_timeout")).isEqualTo(3);
        assertThat(listener.summary(2).endNanos()).isEqualTo(2000);
    }

    @Test
    void answeredConnectionOutlastsAnUnansweredOneByADay() {
        table.packet(tcp(1, 0, PHONE, 40000, SERVER, 443, 100, SYN, ""));
        table.packet(tcp(2, 0, PHONE, 40001, SERVER, 443, 100, SYN, ""));
        table.packet(tcp(3, 1, PHONE, 40001, SERVER, 443, 101, PSH | ACK, "x")); // payload, no answer seen
        table.packet(tcp(4, 1, PHONE, 40002, SERVER, 443, 100, SYN, ""));
        table.packet(tcp(5, 1, SERVER, 443, PHONE, 40002, 900, SYN | ACK, "")); // answered, no payload
        table.packet(tcp(6, 1, PHONE, 40003, SERVER, 443, 100, ACK, "")); // a bare ACK
        table.advanceTime(6 * 60 * SECOND);
        assertThat(listener.ended).extracting(x -> x.info().id()).containsExactly(1L, 6L);
        table.advanceTime(1 + FlowConfig.DEFAULT_TCP_IDLE_TIMEOUT_NANOS);
        assertThat(listener.ended).extracting(x -> x.info().id()).containsExactly(1L, 6L);
        table.advanceTime(2 + FlowConfig.DEFAULT_TCP_IDLE_TIMEOUT_NANOS);
        assertThat(listener.ended).extracting(x -> x.info().id()).containsExactly(1L, 6L, 2L, 4L);
        assertThat(listener.summary(2).endReason()).isEqualTo("idle_timeout");
        assertThat(FlowConfig.DEFAULT_TCP_IDLE_TIMEOUT_NANOS).isEqualTo(24 * 60 * 60 * SECOND);
    }

    @Test
    void connectionPausingForHoursStaysOneFlowAndItsRequestWhole() {
        long t0 = 1000;
        long later = t0 + 5 * 60 * 60 * SECOND; // past Zeek's 5 minutes, within the day
        table.packet(tcp(1, t0, PHONE, 40000, SERVER, 80, 100, SYN, ""));
        table.packet(tcp(2, t0 + 1, SERVER, 80, PHONE, 40000, 900, SYN | ACK, ""));
        table.packet(tcp(3, t0 + 2, PHONE, 40000, SERVER, 80, 101, ACK, ""));
        table.packet(tcp(4, t0 + 3, PHONE, 40000, SERVER, 80, 101, PSH | ACK, "GET /?imei=8676"));
        table.packet(tcp(5, later, PHONE, 40000, SERVER, 80, 116, PSH | ACK, "93048765881 HTTP/1.1\r\n\r\n"));
        table.finish();
        assertThat(listener.ended).hasSize(1);
        assertThat(listener.log).contains("payload 1 outbound @15 \"93048765881 HTTP/1.1\r\n\r\n\" frame 5");
        assertThat(counters.get("tcp_mid_stream_start")).isZero();
        assertThat(counters.get("flow_idle_timeout")).isZero();
    }

    @Test
    void fullTableEvictsTheLeastRecentlyActiveFlow() {
        table = new FlowTable(FlowConfig.defaults().withMaxFlows(2), listener, counters);
        table.packet(udp(1, 1, PHONE, 1001, SERVER, 53, "a"));
        table.packet(udp(2, 2, PHONE, 1002, SERVER, 53, "b"));
        table.packet(udp(3, 3, PHONE, 1001, SERVER, 53, "a again")); // flow 1 is now the most recent
        table.packet(udp(4, 4, PHONE, 1003, SERVER, 53, "c"));
        assertThat(listener.log).contains("end 2 evicted");
        assertThat(listener.ended).hasSize(1);
        assertThat(counters.get("flow_evicted")).isEqualTo(1);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void fullTableEvictsANewConnectionWhenItIsTheLeastRecent() {
        table = new FlowTable(FlowConfig.defaults().withMaxFlows(3), listener, counters);
        table.packet(tcp(1, 1, PHONE, 40000, SERVER, 443, 100, SYN, ""));
        table.packet(tcp(2, 2, PHONE, 40001, SERVER, 443, 100, PSH | ACK, "x"));
        table.packet(udp(3, 3, PHONE, 1001, SERVER, 53, "a"));
        table.packet(udp(4, 4, PHONE, 1002, SERVER, 53, "b"));
        assertThat(listener.log).contains("end 1 evicted");
        table.packet(udp(5, 5, PHONE, 1003, SERVER, 53, "c"));
        assertThat(listener.log).contains("end 2 evicted");
    }

    @Test
    void synOnAClosedConnectionStartsANewFlow() {
        handshakeAndExchange();
        table.packet(out(6, 119, FIN | ACK, ""));
        table.packet(in(7, 920, FIN | ACK, ""));
        table.packet(out(8, 5000, SYN, "")); // same ports, new connection
        table.packet(in(9, 7000, SYN | ACK, ""));
        table.packet(out(10, 5001, PSH | ACK, "again"));
        table.finish();
        assertThat(listener.log).containsSubsequence("end 1 fin", "start 8 tcp 192.168.31.7:40000 -> "
                + "203.0.113.5:443 by syn", "payload 8 outbound @0 \"again\" frame 10", "end 8 capture_end");
        assertThat(counters.get("tcp_port_reuse")).isEqualTo(1);
        assertThat(listener.summary(8).info().firstFrame()).isEqualTo(8);
    }

    @Test
    void synOfAnotherSequenceNumberOnAnOpenConnectionStartsANewFlow() {
        handshakeAndExchange(); // never closed: its close was not captured
        table.packet(out(6, 100, SYN, "")); // the SYN again: a retransmission, the same connection
        assertThat(listener.ended).isEmpty();
        table.packet(out(7, 5000, SYN, "")); // same ports, another connection
        table.packet(in(8, 7000, SYN | ACK, ""));
        table.packet(out(9, 5001, PSH | ACK, "again"));
        table.finish();
        assertThat(listener.log).containsSubsequence("end 1 port_reuse", "start 7 tcp 192.168.31.7:40000 -> "
                + "203.0.113.5:443 by syn", "payload 7 outbound @0 \"again\" frame 9", "end 7 capture_end");
        assertThat(counters.get("tcp_port_reuse")).isEqualTo(1);
        assertThat(counters.get("tcp_seq_jump")).isZero();
    }

    @Test
    void synOnAConnectionSeenFromItsMiddleStartsANewFlow() {
        table.packet(out(1, 100, PSH | ACK, "mid"));
        table.packet(out(2, 100, SYN, "")); // even with the number the data began with
        table.finish();
        assertThat(listener.log).containsSubsequence("end 1 port_reuse",
                "start 2 tcp 192.168.31.7:40000 -> 203.0.113.5:443 by syn");
    }

    @Test
    void finishEndsFlowsInIdOrder() {
        for (int i = 0; i < 5; i++) {
            table.packet(udp(i, i, PHONE, 2000 + i, SERVER, 53, "x"));
        }
        table.packet(udp(9, 9, PHONE, 2003, SERVER, 53, "touch")); // activity order differs from id order
        table.packet(udp(10, 10, PHONE, 2000, SERVER, 53, "touch"));
        table.finish();
        assertThat(listener.ended).extracting(s -> s.info().id()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(listener.ended).extracting(FlowSummary::endReason).containsOnly("capture_end");
        table.packet(udp(11, 11, PHONE, 2000, SERVER, 53, "late"));
        assertThat(counters.get("flow_packet_after_finish")).isEqualTo(1);
    }

    @Test
    void udpDatagramsCarryTheirStreamOffsetAndEmptyOnesAreOnlyCounted() {
        table.packet(udp(1, 1, PHONE, 5353, SERVER, 53, "hello"));
        table.packet(udp(2, 2, SERVER, 53, PHONE, 5353, "answer"));
        table.packet(udp(3, 3, PHONE, 5353, SERVER, 53, ""));
        table.packet(udp(4, 4, PHONE, 5353, SERVER, 53, "again"));
        table.finish();
        assertThat(listener.log).containsExactly(
                "start 1 udp 192.168.31.7:5353 -> 203.0.113.5:53 by private_address",
                "payload 1 outbound @0 \"hello\" frame 1",
                "payload 1 inbound @0 \"answer\" frame 2",
                "payload 1 outbound @5 \"again\" frame 4",
                "end 1 capture_end");
        assertThat(listener.summary(1).anomalies()).containsEntry("udp_empty_datagram", 1L);
        assertThat(listener.summary(1).packetsOut()).isEqualTo(3);
    }

    @Test
    void flowAnomaliesAreOnTheSummaryAndInTheGlobalCounters() {
        table.packet(out(1, 100, ACK, "abc")); // no SYN: mid-stream
        table.packet(out(2, 100, ACK, "abc")); // retransmission
        table.packet(out(3, 110, ACK, "xyz")); // a hole before it
        table.finish();
        FlowSummary s = listener.summary(1);
        assertThat(s.anomalies()).containsExactly(
                java.util.Map.entry("tcp_gap", 1L), java.util.Map.entry("tcp_gap_bytes", 7L),
                java.util.Map.entry("tcp_mid_stream_start", 1L), java.util.Map.entry("tcp_out_of_order", 1L),
                java.util.Map.entry("tcp_retransmission", 1L));
        assertThat(counters.get("tcp_gap_bytes")).isEqualTo(7);
        assertThat(listener.log).contains("gap 1 outbound @3 +7");
        assertThat(s.info().deviceSideBy()).isEqualTo("private_address");
    }

    @Test
    void appIsTheFirstAttributionSeen() {
        AppAttribution app = new AppAttribution(10123, "com.miui.cloudservice", null);
        table.packet(tcp(1, 0, PHONE, 40000, SERVER, 443, 1, SYN, new byte[0], null));
        table.packet(tcp(2, 0, SERVER, 443, PHONE, 40000, 9, SYN | ACK, new byte[0], app));
        table.packet(tcp(3, 0, PHONE, 40000, SERVER, 443, 2, ACK, new byte[0],
                new AppAttribution(1, "other", null)));
        table.finish();
        assertThat(listener.summary(1).app()).isEqualTo(app);
        assertThat(listener.summary(1).info().app()).isNull();
    }

    @Test
    void malformedPacketsAreCountedNeverThrown() {
        TransportPacket nullSrc = new TransportPacket(1, 1, 1, 60, 0, null, SERVER, 6, 1, 2, 0, 0, 0, 0,
                new byte[0], 0, 0, 0, null);
        TransportPacket outsideArray = new TransportPacket(2, 2, 1, 60, 0, PHONE, SERVER, 6, 1, 2, 0, 0, 0, 0,
                new byte[4], 3, 5, 0, null);
        TransportPacket badPort = new TransportPacket(3, 3, 1, 60, 0, PHONE, SERVER, 17, 70000, 2, 0, 0, 0, 0,
                new byte[0], 0, 0, 0, null);
        TransportPacket icmp = new TransportPacket(4, 4, 1, 60, 0, PHONE, SERVER, 1, 0, 0, 0, 0, 0, 0,
                new byte[0], 0, 0, 0, null);
        assertThatCode(() -> {
            table.packet(null);
            table.packet(nullSrc);
            table.packet(outsideArray);
            table.packet(badPort);
            table.packet(icmp);
        }).doesNotThrowAnyException();
        assertThat(counters.get("flow_malformed_packet")).isEqualTo(4);
        assertThat(counters.get("flow_unsupported_protocol")).isEqualTo(1);
        assertThat(table.size()).isZero();
    }

    @Test
    void aThrowingListenerIsCountedNotPropagated() {
        table = new FlowTable(FlowConfig.defaults(), new FlowListener() {
            @Override
            public void payload(FlowInfo flow, Direction direction, StreamChunk chunk) {
                throw new IllegalStateException("consumer bug");
            }
        }, counters);
        assertThatCode(() -> table.packet(udp(1, 1, PHONE, 1, SERVER, 2, "x"))).doesNotThrowAnyException();
        assertThat(counters.get("flow_internal_error")).isEqualTo(1);
    }

    @Test
    void timeGoingBackwardsDoesNotMoveTheClock() {
        table.packet(udp(1, 10 * SECOND, PHONE, 1, SERVER, 2, "x"));
        table.packet(udp(2, 5 * SECOND, PHONE, 1, SERVER, 2, "y"));
        assertThat(counters.get("flow_time_went_backwards")).isEqualTo(1);
        assertThat(listener.started).hasSize(1);
    }

    @Test
    void ipv6FlowsWork() {
        IpAddress phone6 = IpAddress.parse("fe80::1");
        IpAddress server6 = IpAddress.parse("2408:8207:2470::5");
        table.packet(tcp(1, 0, server6, 443, phone6, 50000, 9, SYN | ACK, new byte[0], null));
        table.finish();
        assertThat(listener.log.get(0)).isEqualTo("start 1 tcp [fe80::1]:50000 -> [2408:8207:2470::5]:443 by syn");
    }
}
