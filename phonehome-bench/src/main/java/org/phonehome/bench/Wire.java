package org.phonehome.bench;

import java.nio.ByteBuffer;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.LinkType;
import org.phonehome.net.IpAddress;

/**
 * Writes Ethernet frames carrying IPv4 or IPv6 (no options, no extension headers) and TCP (no options) or UDP,
 * header field by header field. Checksums are 0: the decoder does not verify them.
 */
final class Wire {
    static final int TCP = 6;
    static final int UDP = 17;
    private static final byte[] MACS = {2, 0, 0, 0, 0, 1, 0x50, (byte) 0xc7, (byte) 0xbf, 0, 0, 2};

    private Wire() {
    }

    /** A TCP segment from {@code src:sport} to {@code dst:dport} in an Ethernet frame. */
    static byte[] tcp(IpAddress src, int sport, IpAddress dst, int dport, long seq, long ack, int flags,
                      byte[] payload) {
        ByteBuffer b = ip(src, dst, TCP, 20 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
        b.put((byte) 0x50).put((byte) flags).putShort((short) 0xffff).putInt(0).put(payload);
        return b.array();
    }

    /** A UDP datagram from {@code src:sport} to {@code dst:dport} in an Ethernet frame. */
    static byte[] udp(IpAddress src, int sport, IpAddress dst, int dport, byte[] payload) {
        ByteBuffer b = ip(src, dst, UDP, 8 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** The frame as a capture record. */
    static CapturedPacket captured(long frameNumber, long timeNanos, byte[] frame) {
        return new CapturedPacket(frameNumber, timeNanos, LinkType.ETHERNET, frame.length, frame, 0, null);
    }

    /** A buffer holding the Ethernet and IP headers, positioned at the transport header. */
    private static ByteBuffer ip(IpAddress src, IpAddress dst, int protocol, int transportLength) {
        boolean v6 = src.version() == 6;
        int ipLength = (v6 ? 40 : 20) + transportLength;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength);
        b.put(MACS).putShort((short) (v6 ? 0x86dd : 0x0800));
        if (v6) {
            b.putInt(0x6000_0000).putShort((short) transportLength).put((byte) protocol).put((byte) 64);
        } else {
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0);
        }
        return b.put(src.toBytes()).put(dst.toBytes());
    }
}
