package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.net.Frames.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.capture.AppAttribution;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.LinkType;

/** IPv4 and IPv6 fragments: orders, overlaps, duplicates, expiry and bounds. */
class FragmentReassemblyTest {
    private static final long SECOND = 1_000_000_000L;
    private final Counters counters = new Counters();
    private final PacketDecoder decoder = new PacketDecoder(counters);
    private long frameNumber;

    /** A UDP datagram of 8 + 40 bytes whose payload bytes are 0, 1, 2, ... */
    private static final byte[] DATAGRAM = udp(5353, 53, counting(40));

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** IPv4 fragment of {@link #DATAGRAM} bytes [from, to). */
    private static byte[] v4(int id, int from, int to, boolean more) {
        return ipv4(CLIENT, SERVER, 17, id, more, from, new byte[0], Arrays.copyOfRange(DATAGRAM, from, to));
    }

    /** IPv6 fragment of {@link #DATAGRAM} bytes [from, to). */
    private static byte[] v6(long id, int from, int to, boolean more) {
        return ipv6(CLIENT6, SERVER6, 44, concat(ipv6Fragment(17, from, more, id),
                Arrays.copyOfRange(DATAGRAM, from, to)));
    }

    private TransportPacket decode(byte[] ipPacket) {
        return decode(ipPacket, (frameNumber + 1) * SECOND);
    }

    private TransportPacket decode(byte[] ipPacket, long time) {
        byte[] frame = ethernet(ipPacket[0] >>> 4 == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6, ipPacket);
        return decoder.decode(new CapturedPacket(++frameNumber, time, LinkType.ETHERNET, frame.length, frame, 0,
                null));
    }

    private void assertReassembled(TransportPacket p, int frames) {
        assertThat(p).isNotNull();
        assertThat(p.srcPort()).isEqualTo(5353);
        assertThat(p.dstPort()).isEqualTo(53);
        assertThat(payload(p)).isEqualTo(counting(40));
        assertThat(p.frames()).isEqualTo(frames);
        assertThat(counters.get(NetCounters.FRAGMENTS_REASSEMBLED)).isEqualTo(1);
        assertThat(counters.get(NetCounters.UDP)).isEqualTo(1);
        assertThat(counters.get(NetCounters.IP_FRAGMENT)).isEqualTo(frames - 1);
        assertThat(decoder.reassembler().pendingDatagrams()).isZero();
        assertThat(decoder.reassembler().heldBytes()).isZero();
    }

    @Test
    void ipv4FragmentsInOrder() {
        assertThat(decode(v4(1, 0, 16, true))).isNull();
        assertThat(decode(v4(1, 16, 32, true))).isNull();
        TransportPacket p = decode(v4(1, 32, 48, false));
        assertReassembled(p, 3);
        assertThat(p.firstFrame()).isEqualTo(1);
        assertThat(p.frameNumber()).isEqualTo(frameNumber);
        assertThat(p.wireBytes()).isEqualTo(3 * (14 + 20 + 16));
    }

    @Test
    void ipv4FragmentsInReverseOrder() {
        assertThat(decode(v4(1, 32, 48, false))).isNull();
        assertThat(decode(v4(1, 16, 32, true))).isNull();
        assertReassembled(decode(v4(1, 0, 16, true)), 3);
    }

    @Test
    void ipv4OverlappingFragmentsKeepFirstBytes() {
        assertThat(decode(v4(1, 0, 24, true))).isNull();
        byte[] conflicting = ipv4(CLIENT, SERVER, 17, 1, true, 16, new byte[0], new byte[16]); // zeros over 16..32
        assertThat(decode(conflicting)).isNull();
        TransportPacket p = decode(v4(1, 24, 48, false));
        // bytes 16..24 came first from the first fragment; 24..32 from the zeros, which arrived before the last
        byte[] expected = counting(40);
        Arrays.fill(expected, 24 - 8, 32 - 8, (byte) 0);
        assertThat(payload(p)).isEqualTo(expected);
        assertThat(counters.get(NetCounters.FRAGMENT_OVERLAP)).isEqualTo(2);
        assertThat(counters.get(NetCounters.UDP)).isEqualTo(1);
    }

    @Test
    void ipv4DuplicateFragmentCounted() {
        assertThat(decode(v4(1, 0, 24, true))).isNull();
        assertThat(decode(v4(1, 0, 24, true))).isNull();
        assertReassembled(decode(v4(1, 24, 48, false)), 3);
        assertThat(counters.get(NetCounters.FRAGMENT_DUPLICATE)).isEqualTo(1);
    }

    @Test
    void ipv4FragmentsOfDifferentDatagramsAreKeptApart() {
        assertThat(decode(v4(1, 0, 24, true))).isNull();
        assertThat(decode(v4(2, 24, 48, false))).isNull();
        assertThat(decoder.reassembler().pendingDatagrams()).isEqualTo(2);
        assertThat(counters.get(NetCounters.FRAGMENTS_REASSEMBLED)).isZero();
    }

    @Test
    void appComesFromCompletingFrameElseFirstNonNull() {
        AppAttribution app = new AppAttribution(10001, "com.example", null);
        byte[] first = ethernet(ETHERTYPE_IPV4, v4(1, 0, 24, true));
        byte[] last = ethernet(ETHERTYPE_IPV4, v4(1, 24, 48, false));
        decoder.decode(frame(1, SECOND, LinkType.ETHERNET, first, app));
        TransportPacket p = decoder.decode(frame(2, 2 * SECOND, LinkType.ETHERNET, last, null));
        assertThat(p.app()).isSameAs(app);
        assertThat(p.timestampNanos()).isEqualTo(2 * SECOND);
    }

    @Test
    void neverCompletedFragmentsExpire() {
        assertThat(decode(v4(1, 0, 24, true), SECOND)).isNull();
        decoder.expire(SECOND + NetLimits.DEFAULT_FRAGMENT_TIMEOUT_NANOS);      // not older than the timeout yet
        assertThat(decoder.reassembler().pendingDatagrams()).isEqualTo(1);
        decoder.expire(SECOND + NetLimits.DEFAULT_FRAGMENT_TIMEOUT_NANOS + 1);
        assertThat(decoder.reassembler().pendingDatagrams()).isZero();
        assertThat(decoder.reassembler().heldBytes()).isZero();
        assertThat(counters.get(NetCounters.FRAGMENTS_EXPIRED)).isEqualTo(1);
        // the rest arriving later starts a new set
        assertThat(decode(v4(1, 24, 48, false), 40 * SECOND)).isNull();
        assertThat(counters.get(NetCounters.IP_FRAGMENT)).isEqualTo(2);
    }

    @Test
    void laterFragmentExpiresOldSets() {
        decode(v4(1, 0, 24, true), SECOND);
        decode(v4(2, 0, 24, true), 100 * SECOND);
        assertThat(counters.get(NetCounters.FRAGMENTS_EXPIRED)).isEqualTo(1);
        assertThat(decoder.reassembler().pendingDatagrams()).isEqualTo(1);
    }

    @Test
    void finishDropsPendingSets() {
        decode(v4(1, 0, 24, true));
        decode(v6(7, 0, 24, true));
        decoder.finish();
        assertThat(counters.get(NetCounters.FRAGMENTS_INCOMPLETE_AT_END)).isEqualTo(2);
        assertThat(decoder.reassembler().pendingDatagrams()).isZero();
        assertThat(decoder.reassembler().heldBytes()).isZero();
    }

    @Test
    void manyPendingSetsHitTheLimitWithoutGrowth() {
        PacketDecoder small = new PacketDecoder(counters, new NetLimits(10, 65535, 1 << 20, 30 * SECOND, 16, 4));
        for (int id = 0; id < 25; id++) {
            byte[] frame = ethernet(ETHERTYPE_IPV4, v4(id, 0, 24, true));
            small.decode(frame(id + 1, SECOND, LinkType.ETHERNET, frame, null));
        }
        assertThat(small.reassembler().pendingDatagrams()).isEqualTo(10);
        assertThat(counters.get(NetCounters.IP_FRAGMENT)).isEqualTo(10);
        assertThat(counters.get(NetCounters.IP_FRAGMENT_LIMIT)).isEqualTo(15);
        assertThat(counters.get(NetCounters.FRAGMENT_LIMIT)).isEqualTo(15);
    }

    @Test
    void heldBytesLimitRefusesFragments() {
        PacketDecoder small = new PacketDecoder(counters, new NetLimits(4096, 65535, 4096, 30 * SECOND, 16, 4));
        for (int id = 0; id < 10; id++) {
            byte[] big = ipv4(CLIENT, SERVER, 17, id, true, 0, new byte[0], new byte[1000]);
            small.decode(frame(id + 1, SECOND, LinkType.RAW, big, null));
        }
        assertThat(small.reassembler().heldBytes()).isLessThanOrEqualTo(4096);
        assertThat(counters.get(NetCounters.IP_FRAGMENT_LIMIT)).isPositive();
        assertThat(counters.get(NetCounters.IP_FRAGMENT) + counters.get(NetCounters.IP_FRAGMENT_LIMIT))
                .isEqualTo(10);
    }

    @Test
    void fragmentPastMaximumDatagramCounted() {
        byte[] data = ipv4(CLIENT, SERVER, 17, 1, false, 65528, new byte[0], new byte[16]); // ends at 65544
        assertThat(decode(data)).isNull();
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.IP_FRAGMENT_TOO_LARGE);
    }

    @Test
    void laterFragmentCutBySnaplenCounted() {
        byte[] full = ethernet(ETHERTYPE_IPV4, v4(1, 24, 48, true));
        byte[] cut = Arrays.copyOf(full, full.length - 4);
        decoder.decode(new CapturedPacket(1, 0, LinkType.ETHERNET, full.length, cut, 0, null));
        assertThat(counters.get(NetCounters.TRUNCATED_IP_FRAGMENT)).isEqualTo(1);
        assertThat(counters.get(NetCounters.TOTAL_LENGTH_EXCEEDS_CAPTURE)).isEqualTo(1);
        assertThat(decoder.reassembler().pendingDatagrams()).isZero();
    }

    @Test
    void firstFragmentCutBySnaplenIsDecodedAlone() {
        byte[] full = ethernet(ETHERTYPE_IPV4, v4(1, 0, 24, true));
        byte[] cut = Arrays.copyOf(full, full.length - 4);
        TransportPacket p = decoder.decode(new CapturedPacket(1, 0, LinkType.ETHERNET, full.length, cut, 0, null));
        assertThat(p.dstPort()).isEqualTo(53);
        assertThat(payload(p)).isEqualTo(counting(12));
        assertThat(p.payloadMissing()).isEqualTo(4);
        assertThat(counters.get(NetCounters.FIRST_FRAGMENT_TRUNCATED)).isEqualTo(1);
        assertThat(counters.get(NetCounters.UDP)).isEqualTo(1);
        assertThat(counters.get(NetCounters.UDP_LENGTH_MISMATCH)).isZero(); // the UDP length covers all fragments
        assertThat(decoder.reassembler().pendingDatagrams()).isZero();
    }

    @Test
    void firstIpv6FragmentCutBySnaplenIsDecodedAlone() {
        byte[] full = ethernet(ETHERTYPE_IPV6, v6(4, 0, 24, true));
        byte[] cut = Arrays.copyOf(full, full.length - 4);
        TransportPacket p = decoder.decode(new CapturedPacket(1, 0, LinkType.ETHERNET, full.length, cut, 0, null));
        assertThat(p.srcPort()).isEqualTo(5353);
        assertThat(counters.get(NetCounters.FIRST_FRAGMENT_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void conflictingLastFragmentsCounted() {
        decode(v4(1, 32, 48, false));
        decode(v4(1, 16, 40, false));                                  // a second "last" fragment ending earlier
        assertThat(counters.get(NetCounters.FRAGMENT_INCONSISTENT)).isEqualTo(1);
    }

    @Test
    void ipv6FragmentsInOrder() {
        assertThat(decode(v6(0xdeadbeefL, 0, 24, true))).isNull();
        TransportPacket p = decode(v6(0xdeadbeefL, 24, 48, false));
        assertReassembled(p, 2);
        assertThat(p.src()).isEqualTo(IpAddress.parse(CLIENT6));
    }

    @Test
    void ipv6FragmentsInReverseOrder() {
        assertThat(decode(v6(5, 24, 48, false))).isNull();
        assertReassembled(decode(v6(5, 0, 24, true)), 2);
    }

    @Test
    void ipv6FragmentWithExtensionHeadersInFragmentablePart() {
        byte[] fragmentable = concat(ipv6Options(17), DATAGRAM);     // Destination Options, then the UDP datagram
        byte[] first = ipv6(CLIENT6, SERVER6, 0, concat(ipv6Options(44),  // Hop-by-Hop before the Fragment header
                ipv6Fragment(60, 0, true, 9), Arrays.copyOfRange(fragmentable, 0, 32)));
        byte[] last = ipv6(CLIENT6, SERVER6, 44, concat(ipv6Fragment(60, 32, false, 9),
                Arrays.copyOfRange(fragmentable, 32, fragmentable.length)));
        assertThat(decode(first)).isNull();
        assertReassembled(decode(last), 2);
    }

    @Test
    void ipv6AtomicFragmentIsJustThePacket() {
        TransportPacket p = decode(v6(3, 0, 48, false));
        assertThat(payload(p)).isEqualTo(counting(40));
        assertThat(p.frames()).isEqualTo(1);
        assertThat(counters.snapshot()).containsOnlyKeys(NetCounters.UDP);
    }

    @Test
    void tcpFragmentsReassembled() {
        byte[] segment = tcp(40000, 80, ascii("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"));
        decode(ipv4(CLIENT, SERVER, 6, 77, true, 0, new byte[0], Arrays.copyOfRange(segment, 0, 24)));
        TransportPacket p = decode(ipv4(CLIENT, SERVER, 6, 77, false, 24, new byte[0],
                Arrays.copyOfRange(segment, 24, segment.length)));
        assertThat(p.dstPort()).isEqualTo(80);
        assertThat(new String(payload(p), java.nio.charset.StandardCharsets.US_ASCII)).startsWith("GET / ");
        assertThat(counters.get(NetCounters.TCP)).isEqualTo(1);
    }
}
