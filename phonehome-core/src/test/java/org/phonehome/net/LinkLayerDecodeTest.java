package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.net.Frames.*;

import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.LinkType;

/**
 * One test per link type: the TCP packet behind each link header is found, alike when the frame is alone in its
 * array and when it sits inside a reader's buffer ({@link InBuffer}).
 */
class LinkLayerDecodeTest {
    private final Counters counters = new Counters();
    private final PacketDecoder decoder = new PacketDecoder(counters);
    private final Counters shiftedCounters = new Counters();
    private final PacketDecoder shiftedDecoder = new PacketDecoder(shiftedCounters);
    private long frameNumber;

    private static final byte[] IPV4_TCP = ipv4(CLIENT, SERVER, 6, tcp(40000, 443, ascii("hello")));
    private static final byte[] IPV6_TCP = ipv6(CLIENT6, SERVER6, 6, tcp(40000, 443, ascii("hello")));

    private TransportPacket decode(int linkType, byte[] data) {
        CapturedPacket frame = frame(++frameNumber, linkType, data);
        TransportPacket p = decoder.decode(frame);
        InBuffer.assertSameDecoding(p, shiftedDecoder.decode(InBuffer.shifted(frame, 13)));
        assertThat(shiftedCounters.snapshot()).isEqualTo(counters.snapshot());
        return p;
    }

    private void assertTcp(TransportPacket p, String src, String dst) {
        assertThat(p).isNotNull();
        assertThat(p.src()).isEqualTo(IpAddress.parse(src));
        assertThat(p.dst()).isEqualTo(IpAddress.parse(dst));
        assertThat(p.srcPort()).isEqualTo(40000);
        assertThat(p.dstPort()).isEqualTo(443);
        assertThat(payload(p)).isEqualTo(ascii("hello"));
        assertThat(counters.get(NetCounters.TCP)).isEqualTo(frameNumber);
        assertThat(counters.total()).isEqualTo(frameNumber);
    }

    @Test
    void ethernetIpv4() {
        assertTcp(decode(LinkType.ETHERNET, ethernet(ETHERTYPE_IPV4, IPV4_TCP)), CLIENT, SERVER);
    }

    @Test
    void ethernetIpv6() {
        assertTcp(decode(LinkType.ETHERNET, ethernet(ETHERTYPE_IPV6, IPV6_TCP)), CLIENT6, SERVER6);
    }

    @Test
    void vlanTag() {
        byte[] frame = ethernet(0x8100, concat(
                be16(0x0064),                 // tag control: VLAN 100
                be16(ETHERTYPE_IPV4), IPV4_TCP));
        assertTcp(decode(LinkType.ETHERNET, frame), CLIENT, SERVER);
    }

    @Test
    void qinqStackedTags() {
        byte[] frame = ethernet(0x88a8, concat(
                be16(0x0010), be16(0x8100),   // service tag 16, then a customer tag
                be16(0x0064), be16(0x9100),   // customer tag 100, then an old-style QinQ tag
                be16(0x0001), be16(ETHERTYPE_IPV6), IPV6_TCP));
        assertTcp(decode(LinkType.ETHERNET, frame), CLIENT6, SERVER6);
    }

    @Test
    void tooManyVlanTagsCounted() {
        byte[] tags = new byte[0];
        for (int i = 0; i <= LinkLayer.MAX_VLAN_TAGS; i++) {
            tags = concat(tags, be16(1), be16(0x8100)); // tag, and yet another tag follows
        }
        assertThat(decode(LinkType.ETHERNET, ethernet(0x8100, concat(tags, IPV4_TCP)))).isNull();
        assertThat(counters.get(NetCounters.TOO_MANY_VLAN_TAGS)).isEqualTo(1);
    }

    @Test
    void ieee8023LengthFieldWithLlcSnapIsNonIp() {
        byte[] frame = ethernet(38, concat(
                bytes(0xaa, 0xaa, 0x03),        // LLC: SNAP
                bytes(0, 0, 0), be16(0x0800),   // SNAP OUI, type
                IPV4_TCP));
        assertThat(decode(LinkType.ETHERNET, frame)).isNull();
        assertThat(counters.get(NetCounters.NON_IP)).isEqualTo(1);
    }

    @Test
    void pppoeSession() {
        byte[] ppp = concat(be16(0x0021), IPV4_TCP);           // PPP protocol IPv4
        byte[] frame = ethernet(0x8864, concat(
                bytes(0x11, 0x00), be16(0x0042),              // version/type, code (session data), session id
                be16(ppp.length), ppp,                         // PPPoE length, payload
                new byte[4]));                                 // trailing padding
        assertTcp(decode(LinkType.ETHERNET, frame), CLIENT, SERVER);
    }

    @Test
    void linuxSll() {
        byte[] frame = concat(
                be16(4),                 // packet type: sent by us
                be16(1),                 // ARPHRD_ETHER
                be16(6), bytes(2, 0, 0, 0, 0, 2, 0, 0), // address length, address (padded to 8)
                be16(ETHERTYPE_IPV4), IPV4_TCP);
        assertTcp(decode(LinkType.LINUX_SLL, frame), CLIENT, SERVER);
    }

    @Test
    void linuxSll2() {
        byte[] frame = concat(
                be16(ETHERTYPE_IPV6), be16(0),  // protocol, reserved
                be32(3),                        // interface index
                be16(1), bytes(0, 6),           // ARPHRD_ETHER, packet type, address length
                bytes(2, 0, 0, 0, 0, 2, 0, 0),  // address (padded to 8)
                IPV6_TCP);
        assertTcp(decode(LinkType.LINUX_SLL2, frame), CLIENT6, SERVER6);
    }

    @Test
    void rawIpByVersionNibble() {
        assertTcp(decode(LinkType.RAW, IPV4_TCP), CLIENT, SERVER);
        assertTcp(decode(LinkType.RAW, IPV6_TCP), CLIENT6, SERVER6);
        assertTcp(decode(LinkType.RAW_OLD, IPV4_TCP), CLIENT, SERVER);
        assertTcp(decode(LinkType.RAW_OLD14, IPV6_TCP), CLIENT6, SERVER6);
    }

    @Test
    void rawIpv4AndIpv6LinkTypes() {
        assertTcp(decode(LinkType.IPV4, IPV4_TCP), CLIENT, SERVER);
        assertTcp(decode(LinkType.IPV6, IPV6_TCP), CLIENT6, SERVER6);
    }

    @Test
    void rawIpv6LinkTypeWithIpv4PacketIsBadVersion() {
        assertThat(decode(LinkType.IPV6, IPV4_TCP)).isNull();
        assertThat(counters.get(NetCounters.BAD_IP_VERSION)).isEqualTo(1);
    }

    @Test
    void nullLoopbackLittleEndianFamily() {
        assertTcp(decode(LinkType.NULL, concat(bytes(2, 0, 0, 0) /* AF_INET, little-endian */, IPV4_TCP)),
                CLIENT, SERVER);
        assertTcp(decode(LinkType.NULL, concat(bytes(30, 0, 0, 0) /* AF_INET6 on macOS */, IPV6_TCP)),
                CLIENT6, SERVER6);
    }

    @Test
    void nullLoopbackBigEndianFamily() {
        assertTcp(decode(LinkType.NULL, concat(bytes(0, 0, 0, 2) /* AF_INET, big-endian */, IPV4_TCP)),
                CLIENT, SERVER);
        assertTcp(decode(LinkType.NULL, concat(bytes(0, 0, 0, 24) /* AF_INET6 on NetBSD */, IPV6_TCP)),
                CLIENT6, SERVER6);
        assertTcp(decode(LinkType.NULL, concat(bytes(0, 0, 0, 28) /* AF_INET6 on FreeBSD */, IPV6_TCP)),
                CLIENT6, SERVER6);
    }

    @Test
    void nullLoopbackOtherFamilyIsNonIp() {
        assertThat(decode(LinkType.NULL, concat(bytes(7, 0, 0, 0), IPV4_TCP))).isNull();
        assertThat(counters.get(NetCounters.NON_IP)).isEqualTo(1);
    }

    @Test
    void nullLoopbackWithEthertypeInSecondHalf() {
        // address 0x0f, control 0x00, ethertype IPv4: Cisco HDLC style, as some BSD writers put it under NULL
        assertTcp(decode(LinkType.NULL, concat(bytes(0x0f, 0x00), be16(ETHERTYPE_IPV4), IPV4_TCP)), CLIENT, SERVER);
    }

    @Test
    void openBsdLoop() {
        assertTcp(decode(LinkType.LOOP, concat(be32(2) /* AF_INET, network order */, IPV4_TCP)), CLIENT, SERVER);
    }

    @Test
    void pppWithAddressAndControl() {
        assertTcp(decode(LinkType.PPP, concat(bytes(0xff, 0x03) /* address, control */, be16(0x0021), IPV4_TCP)),
                CLIENT, SERVER);
    }

    @Test
    void pppWithoutAddressAndControl() {
        assertTcp(decode(LinkType.PPP, concat(be16(0x0057) /* protocol IPv6 */, IPV6_TCP)), CLIENT6, SERVER6);
    }

    @Test
    void pppProtocolFieldCompression() {
        assertTcp(decode(LinkType.PPP, concat(bytes(0x21) /* compressed protocol IPv4 */, IPV4_TCP)),
                CLIENT, SERVER);
    }

    @Test
    void pppLinkControlIsNonIp() {
        assertThat(decode(LinkType.PPP, concat(bytes(0xff, 0x03), be16(0xc021) /* LCP */, bytes(1, 1, 0, 4))))
                .isNull();
        assertThat(counters.get(NetCounters.NON_IP)).isEqualTo(1);
    }

    @Test
    void pppHdlc() {
        assertTcp(decode(LinkType.PPP_HDLC, concat(bytes(0xff, 0x03), be16(0x0021), IPV4_TCP)), CLIENT, SERVER);
    }

    @Test
    void ciscoHdlc() {
        assertTcp(decode(LinkType.C_HDLC, concat(bytes(0x0f, 0x00) /* unicast, control */, be16(ETHERTYPE_IPV6),
                IPV6_TCP)), CLIENT6, SERVER6);
    }

    @Test
    void nflogLittleEndianTlvs() {
        byte[] frame = concat(
                bytes(2, 0), be16(0),                       // family AF_INET, version 0, resource id 0
                bytes(8, 0, 1, 0), bytes(0x08, 0, 1, 0),    // TLV length 8, type 1 (packet header): 4 bytes
                bytes(9, 0, 10, 0), bytes(1, 2, 3, 4, 5, 0, 0, 0), // TLV length 9, type 10 (prefix), padded to 12
                new byte[] {(byte) (4 + IPV4_TCP.length), (byte) ((4 + IPV4_TCP.length) >> 8), 9, 0}, // payload TLV
                IPV4_TCP);
        assertTcp(decode(LinkType.NFLOG, frame), CLIENT, SERVER);
    }

    @Test
    void nflogBigEndianTlvs() {
        byte[] frame = concat(
                bytes(10, 0), be16(0),                      // family AF_INET6, version 0, resource id 0
                be16(8), be16(1), bytes(0x86, 0xdd, 1, 0),  // TLV length 8, type 1 (packet header)
                be16(4 + IPV6_TCP.length), be16(9), IPV6_TCP); // payload TLV
        assertTcp(decode(LinkType.NFLOG, frame), CLIENT6, SERVER6);
    }

    @Test
    void nflogWithoutPayloadCounted() {
        byte[] frame = concat(bytes(2, 0), be16(0), bytes(8, 0, 1, 0), bytes(0x08, 0, 1, 0));
        assertThat(decode(LinkType.NFLOG, frame)).isNull();
        assertThat(counters.get(NetCounters.NFLOG_WITHOUT_PAYLOAD)).isEqualTo(1);
    }

    @Test
    void nflogTlvShorterThanItsHeaderCounted() {
        byte[] frame = concat(bytes(2, 0), be16(0), bytes(2, 0, 1, 0) /* length 2 < 4 */, IPV4_TCP);
        assertThat(decode(LinkType.NFLOG, frame)).isNull();
        assertThat(counters.get(NetCounters.BAD_NFLOG_TLV)).isEqualTo(1);
    }

    @Test
    void arpIsCountedAsNonIp() {
        byte[] arp = concat(be16(1), be16(0x0800), bytes(6, 4), be16(1), new byte[20]); // ARP request
        assertThat(decode(LinkType.ETHERNET, ethernet(0x0806, arp))).isNull();
        assertThat(counters.get(NetCounters.NON_IP)).isEqualTo(1);
        assertThat(counters.total()).isEqualTo(1);
    }

    @Test
    void netlinkLinkTypeIsNonIp() {
        assertThat(decode(253 /* LINKTYPE_NETLINK */, concat(be32(0x14000000), new byte[16]))).isNull();
        assertThat(counters.get(NetCounters.NON_IP)).isEqualTo(1);
    }

    @Test
    void unsupportedLinkTypeCounted() {
        assertThat(decode(105 /* IEEE 802.11 */, IPV4_TCP)).isNull();
        assertThat(counters.get(NetCounters.UNSUPPORTED_LINK_TYPE)).isEqualTo(1);
    }

    @Test
    void truncatedLinkHeaderCounted() {
        assertThat(decode(LinkType.ETHERNET, bytes(1, 2, 3))).isNull();
        assertThat(decode(LinkType.LINUX_SLL, new byte[15])).isNull();
        assertThat(decode(LinkType.LINUX_SLL2, new byte[19])).isNull();
        assertThat(decode(LinkType.NULL, new byte[3])).isNull();
        assertThat(decode(LinkType.ETHERNET, ethernet(0x8100, bytes(0, 1)))).isNull(); // tag cut
        assertThat(counters.get(NetCounters.TRUNCATED_LINK_HEADER)).isEqualTo(5);
    }
}
