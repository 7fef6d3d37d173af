package org.phonehome.fuzz;

import org.phonehome.net.IpAddress;

/** Builds Ethernet/IPv4 and IPv6 frames around fuzzed transport payloads, so the fuzzer reaches past the headers. */
final class Frames {
    static final int TCP = 6;
    static final int UDP = 17;

    private static final byte[] MACS = {0x50, (byte) 0xc7, (byte) 0xbf, 0x31, 0, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55};

    private Frames() {
    }

    /** A TCP header (no options) and payload. */
    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        byte[] t = new byte[20 + payload.length];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, seq);
        put32(t, 8, ack);
        t[12] = 5 << 4;
        t[13] = (byte) flags;
        put16(t, 14, 65535);
        System.arraycopy(payload, 0, t, 20, payload.length);
        return t;
    }

    /** A UDP header and payload (checksum 0: none). */
    static byte[] udp(int sport, int dport, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, u.length);
        System.arraycopy(payload, 0, u, 8, payload.length);
        return u;
    }

    /** An IPv4 packet; {@code fragmentField} is the flags and offset word (0 = not fragmented). */
    static byte[] ipv4(String src, String dst, int protocol, int id, int fragmentField, byte[] transport) {
        byte[] ip = new byte[20 + transport.length];
        ip[0] = 0x45;
        put16(ip, 2, ip.length);
        put16(ip, 4, id);
        put16(ip, 6, fragmentField);
        ip[8] = 64;
        ip[9] = (byte) protocol;
        System.arraycopy(IpAddress.parse(src).toBytes(), 0, ip, 12, 4);
        System.arraycopy(IpAddress.parse(dst).toBytes(), 0, ip, 16, 4);
        System.arraycopy(transport, 0, ip, 20, transport.length);
        return ip;
    }

    /** An IPv6 packet with no extension headers. */
    static byte[] ipv6(String src, String dst, int nextHeader, byte[] transport) {
        byte[] ip = new byte[40 + transport.length];
        ip[0] = 0x60;
        put16(ip, 4, transport.length);
        ip[6] = (byte) nextHeader;
        ip[7] = 64;
        System.arraycopy(IpAddress.parse(src).toBytes(), 0, ip, 8, 16);
        System.arraycopy(IpAddress.parse(dst).toBytes(), 0, ip, 24, 16);
        System.arraycopy(transport, 0, ip, 40, transport.length);
        return ip;
    }

    /** An Ethernet frame around an IP packet (EtherType from its version nibble). */
    static byte[] ethernet(byte[] ip) {
        byte[] eth = new byte[14 + ip.length];
        System.arraycopy(MACS, 0, eth, 0, 12);
        boolean v6 = ip.length > 0 && (ip[0] & 0xf0) == 0x60;
        eth[12] = (byte) (v6 ? 0x86 : 0x08);
        eth[13] = (byte) (v6 ? 0xdd : 0x00);
        System.arraycopy(ip, 0, eth, 14, ip.length);
        return eth;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 16) & 0xffff);
        put16(b, off + 2, (int) v & 0xffff);
    }
}
