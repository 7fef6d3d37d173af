package org.phonehome.net;

/**
 * Checks and reads TCP (RFC 9293) and UDP (RFC 768) headers. Pure functions of bytes; the payload is not copied:
 * the returned packet points into the array it was decoded from.
 */
final class TransportLayer {
    /** TCP header without options. */
    static final int TCP_MIN_HEADER = 20;
    /** UDP header. */
    static final int UDP_HEADER = 8;

    private TransportLayer() {
    }

    /**
     * Why the TCP segment at {@code [off, end)} (with {@code missing} more bytes announced by IP) cannot be
     * decoded, or null when it can.
     */
    static String tcpProblem(byte[] b, int off, int end, int missing) {
        int available = end - off;
        if (available < TCP_MIN_HEADER) {
            return NetCounters.TRUNCATED_TCP_HEADER;
        }
        int headerLength = tcpHeaderLength(b, off);
        if (headerLength < TCP_MIN_HEADER || headerLength > available + missing) {
            return NetCounters.BAD_TCP_HEADER_LENGTH;
        }
        if (headerLength > available) {
            return NetCounters.TRUNCATED_TCP_HEADER;
        }
        return null;
    }

    private static int tcpHeaderLength(byte[] b, int off) {
        return ((b[off + 12] & 0xff) >>> 4) * 4;
    }

    /** The TCP packet at {@code [off, end)}; call only when {@link #tcpProblem} said null. */
    static TransportPacket tcp(FrameOrigin o, IpAddress src, IpAddress dst, byte[] b, int off, int end,
                               int missing) {
        int payloadOffset = off + tcpHeaderLength(b, off);
        return new TransportPacket(o.frameNumber, o.firstFrame, o.frames, o.wireBytes, o.timestampNanos,
                src, dst, TransportPacket.TCP, Bytes.u16(b, off), Bytes.u16(b, off + 2),
                Bytes.u32(b, off + 4), Bytes.u32(b, off + 8), b[off + 13] & 0xff, Bytes.u16(b, off + 14),
                b, payloadOffset, end - payloadOffset, missing, o.app);
    }

    /** Why the UDP datagram at {@code [off, end)} cannot be decoded, or null when it can. */
    static String udpProblem(byte[] b, int off, int end) {
        if (end - off < UDP_HEADER) {
            return NetCounters.TRUNCATED_UDP_HEADER;
        }
        if (Bytes.u16(b, off + 4) < UDP_HEADER) {
            return NetCounters.BAD_UDP_LENGTH;
        }
        return null;
    }

    /** True when the UDP length field disagrees with the IP payload length ({@code end - off + missing}). */
    static boolean udpLengthMismatch(byte[] b, int off, int end, int missing) {
        return Bytes.u16(b, off + 4) != end - off + missing;
    }

    /**
     * The UDP packet at {@code [off, end)}; call only when {@link #udpProblem} said null. Its length is the smaller
     * of the UDP length field and the IP payload length.
     */
    static TransportPacket udp(FrameOrigin o, IpAddress src, IpAddress dst, byte[] b, int off, int end,
                               int missing) {
        int length = Math.min(Bytes.u16(b, off + 4), end - off + missing);
        int announcedEnd = off + length;
        int presentEnd = Math.min(announcedEnd, end);
        int payloadOffset = off + UDP_HEADER;
        return new TransportPacket(o.frameNumber, o.firstFrame, o.frames, o.wireBytes, o.timestampNanos,
                src, dst, TransportPacket.UDP, Bytes.u16(b, off), Bytes.u16(b, off + 2), 0, 0, 0, 0,
                b, payloadOffset, presentEnd - payloadOffset, announcedEnd - presentEnd, o.app);
    }
}
