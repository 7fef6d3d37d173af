package org.phonehome.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Runs {@code phonehome} in this JVM with captured streams, as the tests of the command line do. */
final class Cli {
    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        return run(new byte[0], args);
    }

    static Result run(byte[] stdin, String... args) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(raw, true, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        int code = Main.run(args, new Main.Io(stdout, out, new PrintWriter(err, true),
                new ByteArrayInputStream(stdin), false));
        out.flush();
        return new Result(code, raw.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** A pcap (little-endian, µs) with one Ethernet/IPv4/UDP frame 192.168.31.100:40000 -> 8.8.8.8:53. */
    static byte[] oneUdpPacketPcap() {
        return udpPcap(1, 53, new byte[] {'p', 'i', 'n', 'g'});
    }

    /**
     * A pcap of {@code flows} Ethernet/IPv4/UDP frames 192.168.31.100:(40000 + i) -> 8.8.8.8:{@code port}, each
     * carrying {@code payload} in a flow of its own.
     */
    static byte[] udpPcap(int flows, int port, byte[] payload) {
        int frameLength = 14 + 20 + 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(24 + flows * (16 + frameLength)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < flows; i++) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(1_700_000_000).putInt(250_000 + i).putInt(frameLength).putInt(frameLength);
            b.order(ByteOrder.BIG_ENDIAN);
            // Ethernet: dst, src, type IPv4
            b.put(new byte[] {0, 1, 2, 3, 4, 5, 0x64, 0x09, (byte) 0x80, 0x12, 0x34, 0x56, 0x08, 0x00});
            // IPv4: version/IHL, TOS, total length, id 1, no fragment, TTL 64, UDP, checksum, addresses
            b.put((byte) 0x45).put((byte) 0).putShort((short) (frameLength - 14)).putShort((short) 1)
                    .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(new byte[] {(byte) 192, (byte) 168, 31, 100, 8, 8, 8, 8});
            // UDP: ports, length, checksum
            b.putShort((short) (40000 + i)).putShort((short) port).putShort((short) (8 + payload.length))
                    .putShort((short) 0).put(payload);
        }
        return b.array();
    }
}
