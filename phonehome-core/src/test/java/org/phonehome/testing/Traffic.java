package org.phonehome.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.phonehome.capture.LinkType;
import org.phonehome.net.IpAddress;

/**
 * Builds small Ethernet/IPv4 captures of whole conversations for tests: UDP datagrams (whole or in IPv4 fragments),
 * and TCP sessions with handshake, data cut into segments (in order, first piece last, or after a sequence jump),
 * and FIN exchange. Time advances 1 ms per packet from {@link #START_NANOS}. The capture is a pcap or a pcapng.
 */
public final class Traffic {
    /** 2024-03-12T08:00:00Z, the first packet's time. */
    public static final long START_NANOS = 1_710_230_400_000_000_000L;
    private static final int MSS = 1448;

    private final PcapBuilder pcap = CaptureBuilder.pcap(LinkType.ETHERNET);
    private final java.util.List<byte[]> frames = new java.util.ArrayList<>();
    private final java.util.List<Long> times = new java.util.ArrayList<>();
    private long now = START_NANOS;
    private int ipId = 1;

    /** The time the next packet will get. */
    public long now() {
        return now;
    }

    /** Moves the clock forward. */
    public Traffic advance(long nanos) {
        now += nanos;
        return this;
    }

    /** One UDP datagram. */
    public Traffic udp(String src, int sport, String dst, int dport, byte[] payload) {
        byte[] udp = new byte[8 + payload.length];
        put16(udp, 0, sport);
        put16(udp, 2, dport);
        put16(udp, 4, udp.length);
        System.arraycopy(payload, 0, udp, 8, payload.length);
        return frame(src, dst, 17, udp);
    }

    /** A TCP session between {@code client} and {@code server}, opened with a three-way handshake. */
    public Session tcp(String client, int cport, String server, int sport) {
        Session s = new Session(client, cport, server, sport);
        s.segment(true, 0x02, new byte[0]);
        s.segment(false, 0x12, new byte[0]);
        s.segment(true, 0x10, new byte[0]);
        return s;
    }

    /**
     * One UDP datagram in IPv4 fragments of at most {@code fragmentBytes} (a multiple of 8) of the UDP header and
     * payload each.
     */
    public Traffic udpFragments(String src, int sport, String dst, int dport, byte[] payload, int fragmentBytes) {
        byte[] udp = new byte[8 + payload.length];
        put16(udp, 0, sport);
        put16(udp, 2, dport);
        put16(udp, 4, udp.length);
        System.arraycopy(payload, 0, udp, 8, payload.length);
        int id = ipId++;
        for (int off = 0; off < udp.length; off += fragmentBytes) {
            int end = Math.min(udp.length, off + fragmentBytes);
            int field = (end < udp.length ? 0x2000 : 0) | (off / 8);
            frame(src, dst, 17, id, field, java.util.Arrays.copyOfRange(udp, off, end));
        }
        return this;
    }

    /** The capture as a classic pcap file. */
    public byte[] pcap() {
        return pcap.bytes();
    }

    /** The capture as a pcapng file: one Ethernet interface, one Enhanced Packet Block per frame. */
    public PcapngBuilder pcapng() {
        PcapngBuilder b = CaptureBuilder.pcapng().iface(LinkType.ETHERNET);
        for (int i = 0; i < frames.size(); i++) {
            b.packet(times.get(i), frames.get(i));
        }
        return b;
    }

    /** One TCP connection of this capture. */
    public final class Session {
        private final String client;
        private final int cport;
        private final String server;
        private final int sport;
        private long clientSeq = 1000;
        private long serverSeq = 5000;

        Session(String client, int cport, String server, int sport) {
            this.client = client;
            this.cport = cport;
            this.server = server;
            this.sport = sport;
        }

        /** Client to server data, cut into full-size segments. */
        public Session send(byte[] data) {
            return data(true, data);
        }

        /** Server to client data, cut into full-size segments. */
        public Session reply(byte[] data) {
            return data(false, data);
        }

        /** Client to server data in segments of the given sizes (the last takes the rest). */
        public Session sendSplit(byte[] data, int... sizes) {
            int off = 0;
            for (int size : sizes) {
                int n = Math.min(size, data.length - off);
                segment(true, 0x18, java.util.Arrays.copyOfRange(data, off, off + n));
                off += n;
            }
            if (off < data.length) {
                segment(true, 0x18, java.util.Arrays.copyOfRange(data, off, data.length));
            }
            return this;
        }

        /**
         * Client to server data in pieces of {@code size} bytes, all in order but the first, which comes last: the
         * receiver holds the rest out of order until the hole fills.
         */
        public Session sendFirstPieceLast(byte[] data, int size) {
            long base = clientSeq;
            for (int off = size; off < data.length; off += size) {
                clientSeq = base + off;
                segment(true, 0x18, java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + size)));
            }
            clientSeq = base;
            segment(true, 0x18, java.util.Arrays.copyOf(data, Math.min(size, data.length)));
            clientSeq = base + data.length;
            return this;
        }

        /**
         * Client to server: {@code data} again, starting {@code back} bytes before the next sequence number (a
         * retransmission; bytes that differ from those sent first make it an inconsistent one).
         */
        public Session retransmit(long back, byte[] data) {
            long next = clientSeq;
            clientSeq = next - back;
            segment(true, 0x18, data);
            clientSeq = next;
            return this;
        }

        /** Moves the client's sequence number {@code delta} bytes on without sending them (a jump). */
        public Session jump(long delta) {
            clientSeq += delta;
            return this;
        }

        /** FIN from the client, FIN from the server, last ACK. */
        public Traffic close() {
            segment(true, 0x11, new byte[0]);
            segment(false, 0x11, new byte[0]);
            segment(true, 0x10, new byte[0]);
            return Traffic.this;
        }

        private Session data(boolean fromClient, byte[] data) {
            for (int off = 0; off < data.length; off += MSS) {
                segment(fromClient, 0x18, java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + MSS)));
            }
            return this;
        }

        private void segment(boolean fromClient, int flags, byte[] payload) {
            byte[] tcp = new byte[20 + payload.length];
            put16(tcp, 0, fromClient ? cport : sport);
            put16(tcp, 2, fromClient ? sport : cport);
            long seq = fromClient ? clientSeq : serverSeq;
            long ack = fromClient ? serverSeq : clientSeq;
            put32(tcp, 4, seq);
            put32(tcp, 8, (flags & 0x10) != 0 ? ack : 0);
            tcp[12] = (byte) (5 << 4);
            tcp[13] = (byte) flags;
            put16(tcp, 14, 65535);
            System.arraycopy(payload, 0, tcp, 20, payload.length);
            long advance = payload.length + ((flags & 0x03) != 0 ? 1 : 0);
            if (fromClient) {
                clientSeq += advance;
            } else {
                serverSeq += advance;
            }
            frame(fromClient ? client : server, fromClient ? server : client, 6, tcp);
        }
    }

    private Traffic frame(String src, String dst, int protocol, byte[] transport) {
        return frame(src, dst, protocol, ipId++, 0, transport);
    }

    private Traffic frame(String src, String dst, int protocol, int id, int fragmentField, byte[] transport) {
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
        byte[] eth = new byte[14 + ip.length];
        byte[] macs = {0x50, (byte) 0xc7, (byte) 0xbf, 0x31, 0, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
        System.arraycopy(macs, 0, eth, 0, 12);
        eth[12] = 0x08;
        System.arraycopy(ip, 0, eth, 14, ip.length);
        pcap.packet(now, eth);
        frames.add(eth);
        times.add(now);
        now += 1_000_000;
        return this;
    }

    /** A DNS query for {@code name} (type A), id {@code id}. */
    public static byte[] dnsQuery(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x0100, 1, 0);
        qname(out, name);
        out.writeBytes(new byte[] {0, 1, 0, 1});
        return out.toByteArray();
    }

    /** A DNS response for {@code name}: a CNAME to {@code cname} when not null, then A records for each address. */
    public static byte[] dnsAnswer(int id, String name, String cname, String... addresses) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x8180, 1, addresses.length + (cname == null ? 0 : 1));
        qname(out, name);
        out.writeBytes(new byte[] {0, 1, 0, 1});
        String owner = name;
        if (cname != null) {
            qname(out, name);
            out.writeBytes(new byte[] {0, 5, 0, 1, 0, 0, 0, 60});
            ByteArrayOutputStream target = new ByteArrayOutputStream();
            qname(target, cname);
            out.write(target.size() >>> 8);
            out.write(target.size() & 0xff);
            out.writeBytes(target.toByteArray());
            owner = cname;
        }
        for (String a : addresses) {
            qname(out, owner);
            out.writeBytes(new byte[] {0, 1, 0, 1, 0, 0, 0, 60, 0, 4});
            out.writeBytes(IpAddress.parse(a).toBytes());
        }
        return out.toByteArray();
    }

    /** A TLS 1.2-style ClientHello record with the given SNI (and ALPN h2, http/1.1). */
    public static byte[] clientHello(String sni) {
        byte[] host = sni.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        // server_name: list length, type host_name, name length, name
        int sn = 2 + 1 + 2 + host.length;
        ext.writeBytes(new byte[] {0, 0, (byte) (sn >>> 8), (byte) sn, (byte) ((sn - 2) >>> 8), (byte) (sn - 2), 0,
            (byte) (host.length >>> 8), (byte) host.length});
        ext.writeBytes(host);
        // ALPN: h2, http/1.1
        byte[] alpn = {0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
        ext.writeBytes(new byte[] {0, 16, 0, (byte) alpn.length});
        ext.writeBytes(alpn);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(new byte[32]);
        body.write(0);
        body.writeBytes(new byte[] {0, 4, 0x13, 0x01, (byte) 0xc0, 0x2f});
        body.writeBytes(new byte[] {1, 0});
        body.write(ext.size() >>> 8);
        body.write(ext.size() & 0xff);
        body.writeBytes(ext.toByteArray());
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1);
        hs.write(0);
        hs.write(body.size() >>> 8);
        hs.write(body.size() & 0xff);
        hs.writeBytes(body.toByteArray());
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.writeBytes(new byte[] {0x16, 3, 1, (byte) (hs.size() >>> 8), (byte) hs.size()});
        rec.writeBytes(hs.toByteArray());
        return rec.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int id, int flags, int qd, int an) {
        out.writeBytes(new byte[] {(byte) (id >>> 8), (byte) id, (byte) (flags >>> 8), (byte) flags, 0, (byte) qd, 0,
            (byte) an, 0, 0, 0, 0});
    }

    private static void qname(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 16) & 0xffff);
        put16(b, off + 2, (int) v & 0xffff);
    }
}
