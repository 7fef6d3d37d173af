package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.phonehome.Counters;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.LinkType;
import org.phonehome.net.InBuffer;
import org.phonehome.net.NetCounters;
import org.phonehome.net.NetLimits;
import org.phonehome.net.PacketDecoder;
import org.phonehome.net.TransportPacket;

/**
 * The packet decoder (every link type, IPv4/IPv6 with extension headers, tunnels and fragment reassembly) on a
 * sequence of frames. Script ({@link FuzzScript}) op code: bits 0-3 pick the link type from {@link #LINK_TYPES},
 * bit 4 moves the clock past the fragment timeout first, bit 5 claims a longer original length (snaplen cut). The
 * op's bytes are the frame. The decoder's safety net ({@code undecoded.decoder_error}) must never be used, every
 * frame is counted exactly once, and each packet's payload lies inside its array. A second decoder gets each frame
 * inside a larger buffer, as the capture readers hand frames on, bits 6-7 choosing how far in ({@link InBuffer}):
 * it must decode the same packets and count the same.
 */
class PacketDecoderFuzzTest {
    /** The supported link types and one unsupported value. */
    static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.RAW, LinkType.IPV4, LinkType.IPV6, LinkType.NULL,
        LinkType.LOOP, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.PPP, LinkType.PPP_HDLC, LinkType.PPP_ETHER,
        LinkType.C_HDLC, LinkType.NFLOG, LinkType.RAW_OLD, LinkType.RAW_OLD14, 147};

    @FuzzTest
    void decodesAnyFrames(byte[] data) {
        Counters counters = new Counters();
        PacketDecoder decoder = new PacketDecoder(counters);
        Counters shiftedCounters = new Counters();
        PacketDecoder shiftedDecoder = new PacketDecoder(shiftedCounters);
        long now = 1_700_000_000_000_000_000L;
        long frames = 0;
        for (FuzzScript.Op op : FuzzScript.parse(data)) {
            int code = op.code();
            if ((code & 0x10) != 0) {
                now += NetLimits.DEFAULT_FRAGMENT_TIMEOUT_NANOS + 1;
                decoder.expire(now);
                shiftedDecoder.expire(now);
            }
            now += 1_000_000;
            byte[] frame = op.bytes();
            int original = (code & 0x20) != 0 ? frame.length + 1000 : frame.length;
            frames++;
            CapturedPacket captured = new CapturedPacket(frames, now, LINK_TYPES[code & 0x0f], original, frame, 0,
                    null);
            TransportPacket p = decoder.decode(captured);
            if (p != null) {
                check(p);
            }
            InBuffer.assertSameDecoding(p, shiftedDecoder.decode(InBuffer.shifted(captured, 1 + (code >>> 6 & 3) * 9)));
        }
        decoder.finish();
        shiftedDecoder.finish();
        assertThat(shiftedCounters.snapshot()).isEqualTo(counters.snapshot());
        assertThat(counters.get(NetCounters.DECODER_ERROR)).as("decoder safety net used").isZero();
        long outcomes = counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith(NetCounters.DECODED) || e.getKey().startsWith(NetCounters.UNDECODED))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertThat(outcomes).as("frames accounted for: %s", counters).isEqualTo(frames);
    }

    private static void check(TransportPacket p) {
        assertThat(p.protocol()).isIn(TransportPacket.TCP, TransportPacket.UDP);
        assertThat(p.srcPort()).isBetween(0, 0xffff);
        assertThat(p.dstPort()).isBetween(0, 0xffff);
        assertThat(p.payloadOffset()).isNotNegative();
        assertThat(p.payloadLength()).isNotNegative();
        assertThat(p.payloadMissing()).isNotNegative();
        assertThat((long) p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(p.payload().length);
        assertThat(p.frames()).isPositive();
    }
}
