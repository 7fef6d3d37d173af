package org.phonehome.net;

import java.io.ByteArrayOutputStream;
import org.phonehome.capture.AppAttribution;
import org.phonehome.capture.CapturedPacket;

/** Builds frames for tests, byte group by byte group. Checksums are left 0: the decoder does not verify them. */
final class Frames {
    static final String CLIENT = "10.0.0.2";
    static final String SERVER = "93.184.216.34";
    static final String CLIENT6 = "2001:db8::2";
    static final String SERVER6 = "2001:db8:1::80";
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;

    private Frames() {
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Bytes from ints (each 0..255). */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] be16(int v) {
        return bytes(v >>> 8 & 0xff, v & 0xff);
    }

    static byte[] be32(long v) {
        return bytes((int) (v >>> 24 & 0xff), (int) (v >>> 16 & 0xff), (int) (v >>> 8 & 0xff), (int) (v & 0xff));
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] addr(String ip) {
        return IpAddress.parse(ip).toBytes();
    }

    /** A TCP header (data offset from the options, which must be a multiple of 4) and payload. */
    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options,
                      byte[] payload) {
        int dataOffset = (20 + options.length) / 4;
        return concat(
                be16(srcPort), be16(dstPort),   // ports
                be32(seq), be32(ack),           // sequence and acknowledgement numbers
                bytes(dataOffset << 4, flags),  // data offset (and reserved bits), flags
                be16(window),                   // window
                be16(0), be16(0),               // checksum (not verified), urgent pointer
                options, payload);
    }

    /** A TCP PSH|ACK segment without options. */
    static byte[] tcp(int srcPort, int dstPort, byte[] payload) {
        return tcp(srcPort, dstPort, 1000, 2000, TransportPacket.PSH | TransportPacket.ACK, 65535, new byte[0],
                payload);
    }

    /** A UDP header with the right length field, and payload. */
    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return udp(srcPort, dstPort, 8 + payload.length, payload);
    }

    /** A UDP header with the given length field, and payload. */
    static byte[] udp(int srcPort, int dstPort, int lengthField, byte[] payload) {
        return concat(be16(srcPort), be16(dstPort), be16(lengthField), be16(0) /* checksum */, payload);
    }

    /** An IPv4 packet without options, not fragmented. */
    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 0x1234, false, 0, new byte[0], payload);
    }

    /** An IPv4 packet with identification, more-fragments flag, fragment offset (bytes) and options. */
    static byte[] ipv4(String src, String dst, int protocol, int id, boolean more, int fragmentOffsetBytes,
                       byte[] options, byte[] payload) {
        int headerLength = 20 + options.length;
        return concat(
                bytes(0x40 | headerLength / 4, 0),                      // version 4, IHL; DSCP/ECN
                be16(headerLength + payload.length),                   // total length
                be16(id),                                              // identification
                be16((more ? 0x2000 : 0) | fragmentOffsetBytes / 8),   // flags, fragment offset in 8-byte units
                bytes(64, protocol), be16(0),                          // TTL, protocol, header checksum
                addr(src), addr(dst),                                  // addresses
                options, payload);
    }

    /** An IPv6 packet: fixed header with next header {@code nextHeader}, then {@code payload}. */
    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return concat(
                bytes(0x60, 0, 0, 0),                      // version 6, traffic class, flow label
                be16(payload.length), bytes(nextHeader, 64), // payload length, next header, hop limit
                addr(src), addr(dst),                      // addresses
                payload);
    }

    /** A generic IPv6 extension header (Hop-by-Hop, Routing, Destination Options) of 8 bytes: PadN options. */
    static byte[] ipv6Options(int nextHeader) {
        return bytes(nextHeader, 0, 1, 4, 0, 0, 0, 0); // next header, length 0 (8 bytes), PadN of 4 bytes
    }

    /** An IPv6 Fragment header. */
    static byte[] ipv6Fragment(int nextHeader, int offsetBytes, boolean more, long id) {
        return concat(bytes(nextHeader, 0), be16(offsetBytes | (more ? 1 : 0)), be32(id));
    }

    /** An Ethernet II frame. */
    static byte[] ethernet(int etherType, byte[] payload) {
        return concat(
                bytes(0x02, 0, 0, 0, 0, 1),   // destination MAC
                bytes(0x02, 0, 0, 0, 0, 2),   // source MAC
                be16(etherType), payload);
    }

    static CapturedPacket frame(long number, int linkType, byte[] data) {
        return new CapturedPacket(number, 1_000_000_000L * number, linkType, data.length, data, 0, null);
    }

    static CapturedPacket frame(long number, long timeNanos, int linkType, byte[] data, AppAttribution app) {
        return new CapturedPacket(number, timeNanos, linkType, data.length, data, 0, app);
    }

    /** Payload bytes of a decoded packet. */
    static byte[] payload(TransportPacket p) {
        return java.util.Arrays.copyOfRange(p.payload(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }
}
