package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.net.Frames.*;

import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.capture.AppAttribution;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.LinkType;

/** IPv4 and IPv6 headers: options, lengths, extension headers, tunnels, malformed headers. */
class IpDecodeTest {
    private final Counters counters = new Counters();
    private final PacketDecoder decoder = new PacketDecoder(counters);
    private long frameNumber;

    private TransportPacket decode(int linkType, byte[] data) {
        return decoder.decode(frame(++frameNumber, linkType, data));
    }

    private void assertOnly(String counter) {
        assertThat(counters.snapshot()).containsOnlyKeys(counter);
    }

    @Test
    void everyTransportPacketFieldIsFilled() {
        byte[] data = ethernet(ETHERTYPE_IPV4, ipv4(CLIENT, SERVER, 6,
                tcp(40000, 443, 0xfffffff0L, 0x80000001L, TransportPacket.SYN | TransportPacket.ACK, 1234,
                        new byte[0], ascii("abc"))));
        AppAttribution app = new AppAttribution(10123, "com.example", "Example");
        CapturedPacket frame = new CapturedPacket(7, 123_456_789L, LinkType.ETHERNET, 1514, data, 0, app);
        TransportPacket p = decoder.decode(frame);
        assertThat(p.frameNumber()).isEqualTo(7);
        assertThat(p.firstFrame()).isEqualTo(7);
        assertThat(p.frames()).isEqualTo(1);
        assertThat(p.wireBytes()).isEqualTo(1514);
        assertThat(p.timestampNanos()).isEqualTo(123_456_789L);
        assertThat(p.protocol()).isEqualTo(TransportPacket.TCP);
        assertThat(p.seq()).isEqualTo(0xfffffff0L);
        assertThat(p.ack()).isEqualTo(0x80000001L);
        assertThat(p.tcpFlags()).isEqualTo(TransportPacket.SYN | TransportPacket.ACK);
        assertThat(p.window()).isEqualTo(1234);
        assertThat(p.payload()).isSameAs(data); // no copy
        assertThat(p.payloadOffset()).isEqualTo(14 + 20 + 20);
        assertThat(p.payloadLength()).isEqualTo(3);
        assertThat(p.payloadMissing()).isZero();
        assertThat(p.app()).isSameAs(app);
    }

    @Test
    void ipv4OptionsAreSkipped() {
        byte[] options = bytes(0x94, 0x04, 0, 0, /* router alert */ 0x01, 0x01, 0x01, 0x00 /* NOP NOP NOP EOL */);
        TransportPacket p = decode(LinkType.RAW, ipv4(CLIENT, SERVER, 17, 0x1234, false, 0, options,
                udp(5353, 53, ascii("query"))));
        assertThat(p.dstPort()).isEqualTo(53);
        assertThat(payload(p)).isEqualTo(ascii("query"));
        assertOnly(NetCounters.UDP);
    }

    @Test
    void ethernetPaddingIsTrimmed() {
        byte[] data = ethernet(ETHERTYPE_IPV4, concat(ipv4(CLIENT, SERVER, 6, tcp(40000, 80, new byte[0])),
                new byte[6]));                                           // padding to the 60-byte minimum
        TransportPacket p = decode(LinkType.ETHERNET, data);
        assertThat(p.payloadLength()).isZero();
        assertThat(p.payloadMissing()).isZero();
    }

    @Test
    void pcapdroidTrailerIsTrimmed() {
        byte[] trailer = new byte[32];                                   // PCAPdroid's trailer: magic, uid, app name
        TransportPacket p = decode(LinkType.ETHERNET, ethernet(ETHERTYPE_IPV4,
                concat(ipv4(CLIENT, SERVER, 6, tcp(40000, 80, ascii("GET /"))), trailer)));
        assertThat(payload(p)).isEqualTo(ascii("GET /"));
    }

    @Test
    void snaplenCutSetsPayloadMissing() {
        byte[] full = ipv4(CLIENT, SERVER, 6, tcp(40000, 80, new byte[1000]));
        byte[] cut = java.util.Arrays.copyOf(full, 20 + 20 + 100);
        TransportPacket p = decoder.decode(new CapturedPacket(1, 0, LinkType.RAW, full.length, cut, 0, null));
        assertThat(p.payloadLength()).isEqualTo(100);
        assertThat(p.payloadMissing()).isEqualTo(900);
        assertThat(counters.get(NetCounters.TOTAL_LENGTH_EXCEEDS_CAPTURE)).isEqualTo(1);
        assertThat(counters.get(NetCounters.TCP)).isEqualTo(1);
    }

    @Test
    void zeroTotalLengthFromSegmentationOffloadUsesCapturedBytes() {
        byte[] data = ipv4(CLIENT, SERVER, 6, tcp(40000, 80, new byte[3000]));
        data[2] = 0;                                                    // total length 0, as TSO captures show
        data[3] = 0;
        TransportPacket p = decode(LinkType.RAW, data);
        assertThat(p.payloadLength()).isEqualTo(3000);
        assertThat(counters.get(NetCounters.TOTAL_LENGTH_ZERO)).isEqualTo(1);
    }

    @Test
    void truncatedIpHeaderCounted() {
        byte[] data = java.util.Arrays.copyOf(ipv4(CLIENT, SERVER, 6, tcp(1, 2, new byte[0])), 19);
        assertThat(decode(LinkType.RAW, data)).isNull();
        assertOnly(NetCounters.TRUNCATED_IP_HEADER);
    }

    @Test
    void ipv4OptionsCutByCaptureCountedAsTruncatedHeader() {
        byte[] data = ipv4(CLIENT, SERVER, 6, 1, false, 0, new byte[8], new byte[0]);
        assertThat(decode(LinkType.RAW, java.util.Arrays.copyOf(data, 24))).isNull();
        assertOnly(NetCounters.TRUNCATED_IP_HEADER);
    }

    @Test
    void badIhlCounted() {
        byte[] data = ipv4(CLIENT, SERVER, 6, tcp(1, 2, new byte[0]));
        data[0] = 0x44;                                                  // version 4, IHL 4 (16 bytes) < 5
        assertThat(decode(LinkType.RAW, data)).isNull();
        assertOnly(NetCounters.BAD_IP_HEADER_LENGTH);
    }

    @Test
    void totalLengthBelowHeaderCounted() {
        byte[] data = ipv4(CLIENT, SERVER, 6, tcp(1, 2, new byte[0]));
        data[3] = 19;                                                    // total length 19 < 20
        assertThat(decode(LinkType.RAW, data)).isNull();
        assertOnly(NetCounters.BAD_IP_TOTAL_LENGTH);
    }

    @Test
    void badVersionOnEthernetCounted() {
        byte[] data = ipv4(CLIENT, SERVER, 6, tcp(1, 2, new byte[0]));
        data[0] = 0x55;
        assertThat(decode(LinkType.ETHERNET, ethernet(ETHERTYPE_IPV4, data))).isNull();
        assertOnly(NetCounters.BAD_IP_VERSION);
    }

    @Test
    void icmpCounted() {
        assertThat(decode(LinkType.RAW, ipv4(CLIENT, SERVER, 1, bytes(8, 0, 0, 0, 0, 1, 0, 1)))).isNull();
        assertThat(decode(LinkType.RAW, ipv6(CLIENT6, SERVER6, 58, bytes(128, 0, 0, 0, 0, 1, 0, 1)))).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.ICMP, NetCounters.ICMPV6);
    }

    @Test
    void otherIpProtocolsCounted() {
        assertThat(decode(LinkType.RAW, ipv4(CLIENT, SERVER, 50 /* ESP */, new byte[16]))).isNull();
        assertThat(decode(LinkType.RAW, ipv4(CLIENT, SERVER, 47 /* GRE */, new byte[8]))).isNull();
        assertThat(decode(LinkType.RAW, ipv6(CLIENT6, SERVER6, 59 /* no next header */, new byte[0]))).isNull();
        assertThat(counters.get(NetCounters.IP_OTHER)).isEqualTo(3);
    }

    @Test
    void ipv6ExtensionHeaderChain() {
        byte[] chain = concat(
                ipv6Options(43),                                              // Hop-by-Hop -> Routing
                bytes(60, 0, 0, 0, 0, 0, 0, 0),                               // Routing type 0, segments left 0 -> Dest
                bytes(51, 0, 1, 2, 0, 0, 0, 0),                               // Dest Options (PadN) -> AH
                bytes(44, 1, 0, 0), be32(0x100), be32(1),                     // AH: length 1 (12 bytes), SPI, seq -> Frag
                ipv6Fragment(6, 0, false, 99),                                // atomic fragment -> TCP
                tcp(40000, 443, ascii("x")));
        TransportPacket p = decode(LinkType.RAW, ipv6(CLIENT6, SERVER6, 0, chain));
        assertThat(p.dstPort()).isEqualTo(443);
        assertThat(payload(p)).isEqualTo(ascii("x"));
        assertOnly(NetCounters.TCP);
    }

    @Test
    void ipv6EspIsOtherProtocol() {
        assertThat(decode(LinkType.RAW, ipv6(CLIENT6, SERVER6, 0, concat(ipv6Options(50), new byte[16])))).isNull();
        assertOnly(NetCounters.IP_OTHER);
    }

    @Test
    void tooLongExtensionChainCounted() {
        byte[] chain = new byte[0];
        for (int i = 0; i < NetLimits.DEFAULT_MAX_EXTENSION_HEADERS + 1; i++) {
            chain = concat(chain, ipv6Options(60));                          // Destination Options, again and again
        }
        assertThat(decode(LinkType.RAW, ipv6(CLIENT6, SERVER6, 60, concat(chain, tcp(1, 2, new byte[0])))))
                .isNull();
        assertOnly(NetCounters.TOO_MANY_IPV6_EXTENSION_HEADERS);
    }

    @Test
    void extensionHeaderPastPayloadLengthCounted() {
        byte[] packet = ipv6(CLIENT6, SERVER6, 60, bytes(6, 3, 0, 0, 0, 0, 0, 0)); // length 3 = 32 bytes, only 8
        assertThat(decode(LinkType.RAW, packet)).isNull();
        assertOnly(NetCounters.BAD_IPV6_EXTENSION_HEADER);
    }

    @Test
    void ipv6JumbogramCounted() {
        byte[] packet = ipv6(CLIENT6, SERVER6, 0, concat(bytes(6, 0, 0xc2, 4), be32(70000), new byte[8]));
        packet[4] = 0;                                                       // payload length 0: jumbo
        packet[5] = 0;
        assertThat(decode(LinkType.RAW, packet)).isNull();
        assertOnly(NetCounters.IPV6_JUMBOGRAM);
    }

    @Test
    void truncatedIpv6HeaderCounted() {
        assertThat(decode(LinkType.RAW, java.util.Arrays.copyOf(ipv6(CLIENT6, SERVER6, 6, new byte[0]), 39)))
                .isNull();
        assertOnly(NetCounters.TRUNCATED_IP_HEADER);
    }

    @Test
    void ipv4InIpv4TunnelDecodesInnerPacket() {
        byte[] inner = ipv4("192.168.1.1", "192.168.2.2", 17, udp(1000, 2000, ascii("in")));
        TransportPacket p = decode(LinkType.RAW, ipv4(CLIENT, SERVER, 4, inner));
        assertThat(p.src()).isEqualTo(IpAddress.parse("192.168.1.1"));
        assertThat(p.dst()).isEqualTo(IpAddress.parse("192.168.2.2"));
        assertThat(payload(p)).isEqualTo(ascii("in"));
        assertThat(counters.get(NetCounters.UDP)).isEqualTo(1);
        assertThat(counters.get(NetCounters.TUNNELLED)).isEqualTo(1);
    }

    @Test
    void sixInFourTunnelDecodesInnerPacket() {
        byte[] inner = ipv6("dead::beef", "cafe::babe", 17, udp(30000, 13000, ascii("6in4")));
        TransportPacket p = decode(LinkType.ETHERNET, ethernet(ETHERTYPE_IPV4, ipv4("1.2.3.4", "5.6.7.8", 41, inner)));
        assertThat(p.src()).isEqualTo(IpAddress.parse("dead::beef"));
        assertThat(p.srcPort()).isEqualTo(30000);
        assertThat(counters.get(NetCounters.UDP)).isEqualTo(1);
    }

    @Test
    void tunnelsNestedTooDeepCounted() {
        byte[] packet = ipv4(CLIENT, SERVER, 17, udp(1, 2, new byte[0]));
        for (int i = 0; i <= NetLimits.DEFAULT_MAX_TUNNEL_DEPTH; i++) {
            packet = ipv4(CLIENT, SERVER, 4, packet);
        }
        assertThat(decode(LinkType.RAW, packet)).isNull();
        assertThat(counters.get(NetCounters.TUNNEL_TOO_DEEP)).isEqualTo(1);
        assertThat(counters.get(NetCounters.UDP)).isZero();
    }
}
