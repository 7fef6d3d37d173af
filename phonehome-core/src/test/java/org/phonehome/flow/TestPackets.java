package org.phonehome.flow;

import java.nio.charset.StandardCharsets;
import org.phonehome.capture.AppAttribution;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

/** Builds crafted {@link TransportPacket}s for flow tests (in the spirit of mitmproxy's {@code tflow()}). */
final class TestPackets {
    static final IpAddress PHONE = IpAddress.parse("192.168.31.7");
    static final IpAddress SERVER = IpAddress.parse("203.0.113.5");
    static final IpAddress SERVER2 = IpAddress.parse("198.51.100.9");
    static final long SECOND = 1_000_000_000L;
    static final int SYN = TransportPacket.SYN;
    static final int ACK = TransportPacket.ACK;
    static final int FIN = TransportPacket.FIN;
    static final int RST = TransportPacket.RST;
    static final int PSH = TransportPacket.PSH;

    private TestPackets() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A TCP packet; wire bytes = 54 + payload (Ethernet + IPv4 + TCP headers). */
    static TransportPacket tcp(long frame, long timeNanos, IpAddress src, int srcPort, IpAddress dst, int dstPort,
                               long seq, int flags, String payload) {
        return tcp(frame, timeNanos, src, srcPort, dst, dstPort, seq, flags, ascii(payload), null);
    }

    static TransportPacket tcp(long frame, long timeNanos, IpAddress src, int srcPort, IpAddress dst, int dstPort,
                               long seq, int flags, byte[] payload, AppAttribution app) {
        return new TransportPacket(frame, frame, 1, 54 + payload.length, timeNanos, src, dst, TransportPacket.TCP,
                srcPort, dstPort, seq & 0xffffffffL, 0, flags, 65535, payload, 0, payload.length, 0, app);
    }

    /** A UDP packet; wire bytes = 42 + payload. */
    static TransportPacket udp(long frame, long timeNanos, IpAddress src, int srcPort, IpAddress dst, int dstPort,
                               String payload) {
        byte[] b = ascii(payload);
        return new TransportPacket(frame, frame, 1, 42 + b.length, timeNanos, src, dst, TransportPacket.UDP,
                srcPort, dstPort, 0, 0, 0, 0, b, 0, b.length, 0, null);
    }

    /** Phone port 40000 to server port 443. */
    static TransportPacket out(long frame, long seq, int flags, String payload) {
        return tcp(frame, frame * 1000, PHONE, 40000, SERVER, 443, seq, flags, payload);
    }

    /** Server port 443 to phone port 40000. */
    static TransportPacket in(long frame, long seq, int flags, String payload) {
        return tcp(frame, frame * 1000, SERVER, 443, PHONE, 40000, seq, flags, payload);
    }
}
