package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.net.Frames.*;

import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.capture.LinkType;

/** TCP and UDP headers. */
class TransportDecodeTest {
    private final Counters counters = new Counters();
    private final PacketDecoder decoder = new PacketDecoder(counters);
    private long frameNumber;

    private TransportPacket decode(byte[] ipPayload, int protocol) {
        return decoder.decode(frame(++frameNumber, LinkType.RAW, ipv4(CLIENT, SERVER, protocol, ipPayload)));
    }

    @Test
    void tcpWithOptions() {
        byte[] options = concat(
                bytes(2, 4), be16(1460),        // MSS 1460
                bytes(1, 3, 3, 7),              // NOP, window scale 7
                bytes(4, 2, 1, 1));             // SACK permitted, NOP, NOP
        TransportPacket p = decode(tcp(40000, 443, 1, 0, TransportPacket.SYN, 64240, options, ascii("data")), 6);
        assertThat(p.tcpFlags()).isEqualTo(TransportPacket.SYN);
        assertThat(p.window()).isEqualTo(64240);
        assertThat(p.payloadOffset()).isEqualTo(20 + 32);
        assertThat(payload(p)).isEqualTo(ascii("data"));
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.TCP);
    }

    @Test
    void tcpDataOffsetBelowFiveCounted() {
        byte[] segment = tcp(1, 2, ascii("data"));
        segment[12] = 0x40;                                             // data offset 4 (16 bytes)
        assertThat(decode(segment, 6)).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.BAD_TCP_HEADER_LENGTH);
    }

    @Test
    void tcpDataOffsetPastSegmentCounted() {
        byte[] segment = tcp(1, 2, ascii("data"));
        segment[12] = (byte) 0xf0;                                      // data offset 15 (60 bytes) > 24
        assertThat(decode(segment, 6)).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.BAD_TCP_HEADER_LENGTH);
    }

    @Test
    void truncatedTcpHeaderCounted() {
        assertThat(decode(new byte[19], 6)).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.TRUNCATED_TCP_HEADER);
    }

    @Test
    void udpLengthLongerThanIpPayloadUsesIpPayload() {
        TransportPacket p = decode(udp(53, 5353, 8 + 100, ascii("answer")), 17);
        assertThat(payload(p)).isEqualTo(ascii("answer"));
        assertThat(counters.get(NetCounters.UDP_LENGTH_MISMATCH)).isEqualTo(1);
        assertThat(counters.get(NetCounters.UDP)).isEqualTo(1);
    }

    @Test
    void udpLengthShorterThanIpPayloadUsesUdpLength() {
        TransportPacket p = decode(udp(53, 5353, 8 + 3, ascii("answer")), 17);
        assertThat(payload(p)).isEqualTo(ascii("ans"));
        assertThat(p.payloadMissing()).isZero();
        assertThat(counters.get(NetCounters.UDP_LENGTH_MISMATCH)).isEqualTo(1);
    }

    @Test
    void udpLengthBelowHeaderCounted() {
        assertThat(decode(udp(53, 5353, 7, ascii("x")), 17)).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.BAD_UDP_LENGTH);
    }

    @Test
    void truncatedUdpHeaderCounted() {
        assertThat(decode(new byte[7], 17)).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.TRUNCATED_UDP_HEADER);
    }

    @Test
    void udpCutBySnaplenReportsMissingBytes() {
        byte[] full = ipv4(CLIENT, SERVER, 17, udp(53, 5353, new byte[500]));
        byte[] cut = java.util.Arrays.copyOf(full, 20 + 8 + 50);
        TransportPacket p = decoder.decode(new org.phonehome.capture.CapturedPacket(1, 0, LinkType.RAW,
                full.length, cut, 0, null));
        assertThat(p.payloadLength()).isEqualTo(50);
        assertThat(p.payloadMissing()).isEqualTo(450);
        assertThat(counters.get(NetCounters.UDP_LENGTH_MISMATCH)).isZero();
    }
}
