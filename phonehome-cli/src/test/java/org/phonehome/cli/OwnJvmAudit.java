package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code phonehome audit} in a JVM of its own with a small heap, and writes the captures such tests audit. */
final class OwnJvmAudit {
    private OwnJvmAudit() {
    }

    /** How an audit in a JVM of its own ended: its exit code, what it wrote on stderr, and its JSON report. */
    record Ended(int code, String err, Path report) {
    }

    /**
     * Audits with {@code args} (after {@code audit}) in a JVM with {@code heap} (e.g. {@code 256m}), writing the JSON
     * report into {@code dir}; asserts that it ended within 150 s.
     */
    static Ended run(Path dir, String heap, List<String> args) throws Exception {
        Path report = Files.createTempFile(dir, "report", ".json");
        Path log = Files.createTempFile(dir, "stderr", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-cp", classPath(), Main.class.getName(), "audit", "--no-progress",
                "--json", report.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        boolean finished = p.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        assertThat(finished).as("the audit finished within 150 s").isTrue();
        return new Ended(p.exitValue(), Files.readString(log), report);
    }

    /** As {@link #run}, asserting that the audit ended normally; the report's capture part. */
    static JsonNode capture(Path dir, String heap, List<String> args) throws Exception {
        Ended e = run(dir, heap, args);
        assertThat(e.code()).as(e.err()).isZero();
        return new ObjectMapper().readTree(e.report().toFile()).get("capture");
    }

    /**
     * As {@link #capture}, auditing {@code capture} with the example device profile on {@code threads} threads.
     */
    static JsonNode captureWithExampleDevice(Path dir, String heap, Path capture, String threads) throws Exception {
        return capture(dir, heap, List.of(capture.toString(), "--threads", threads, "--device",
                Path.of("..", "examples", "device.yaml").toAbsolutePath().toString()));
    }

    /** The address the tests' server has. */
    static final byte[] SERVER = {(byte) 203, 0, 113, 9};

    /**
     * Writes the SYN (sequence 1000) from {@code device}'s {@code port} to {@link #SERVER}'s port 80 and its SYN-ACK
     * (sequence 5000), at {@code micros} and one microsecond later: the client's data starts at 1001.
     */
    static void handshake(OutputStream out, ByteBuffer rec, long micros, byte[] device, int port) throws IOException {
        tcpPacket(out, rec, micros, device, SERVER, port, 80, 1000, 0, 0x02, null);
        tcpPacket(out, rec, micros + 1, SERVER, device, 80, port, 5000, 1001, 0x12, null);
    }

    /**
     * Writes {@code count} segments of {@code mss} bytes of 'y' from {@code device}'s {@code port} to {@link
     * #SERVER}'s port 80, the first at sequence {@code seq}, one microsecond apart from {@code micros}; returns the
     * microsecond after the last.
     */
    static long segments(OutputStream out, ByteBuffer rec, long micros, byte[] device, int port, long seq, int count,
            int mss) throws IOException {
        byte[] payload = new byte[mss];
        java.util.Arrays.fill(payload, (byte) 'y');
        for (int s = 0; s < count; s++) {
            tcpPacket(out, rec, micros++, device, SERVER, port, 80, seq + (long) s * mss, 5001, 0x10, payload);
        }
        return micros;
    }

    /** The test's own classes and their dependencies, as this JVM was started with them. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Writes a pcap file header: microseconds, Ethernet, snaplen 65535. */
    static void pcapHeader(OutputStream out) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(1);
        out.write(header.array());
    }

    /**
     * Writes one pcap record of an Ethernet frame with IPv4 and TCP ({@code flags}, no options) from {@code src} to
     * {@code dst}, at {@code micros} after 1,700,000,000 s, with {@code payload} (null: none), through {@code rec}.
     */
    static void tcpPacket(OutputStream out, ByteBuffer rec, long micros, byte[] src, byte[] dst, int srcPort,
            int dstPort, long seq, long ack, int flags, byte[] payload) throws IOException {
        int data = payload == null ? 0 : payload.length;
        int frameLength = 14 + 20 + 20 + data;
        rec.clear();
        rec.order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (1_700_000_000L + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(frameLength).putInt(frameLength);
        rec.order(ByteOrder.BIG_ENDIAN);
        rec.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).putShort((short) 0x0800);
        rec.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + data)).putShort((short) 0)
                .putShort((short) 0).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        rec.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 65535).putShort((short) 0)
                .putShort((short) 0);
        if (payload != null) {
            rec.put(payload);
        }
        out.write(rec.array(), 0, rec.position());
    }

    /**
     * Writes {@code flows} concurrent UDP flows of one packet each ({@code payload} bytes), a new device address each, all
     * within 10 s, one packet at a time (never held in memory).
     */
    static void udpFlood(Path file, int flows, int payload) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            OwnJvmAudit.pcapHeader(out);
            int frameLength = 14 + 20 + 8 + payload;
            ByteBuffer rec = ByteBuffer.allocate(16 + frameLength);
            for (int i = 0; i < flows; i++) {
                rec.clear();
                rec.order(ByteOrder.LITTLE_ENDIAN);
                long micros = (long) i * 10_000_000L / flows;
                rec.putInt((int) (1_700_000_000L + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                        .putInt(frameLength).putInt(frameLength);
                rec.order(ByteOrder.BIG_ENDIAN);
                rec.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).putShort((short) 0x0800);
                // IPv4 from 10.x.y.z, a new device address per flow, to 203.0.113.7
                rec.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload)).putShort((short) i)
                        .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                        .put((byte) 10).put((byte) (i >>> 16)).put((byte) (i >>> 8)).put((byte) i)
                        .put((byte) 203).put((byte) 0).put((byte) 113).put((byte) 7);
                rec.putShort((short) (20_000 + i % 30_000)).putShort((short) 9999).putShort((short) (8 + payload))
                        .putShort((short) 0);
                for (int k = 0; k < payload; k++) {
                    rec.put((byte) 'x');
                }
                out.write(rec.array(), 0, rec.position());
            }
        }
    }
}
