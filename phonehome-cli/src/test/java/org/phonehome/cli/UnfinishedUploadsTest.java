package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads that each send the head of a POST and 3 MB of its 8 MB body, then nothing more, 50 of them (150 MB),
 * audited by {@code phonehome} in a JVM of its own with a 128 MB heap: each body is within its own bound
 * ({@code http-body-bytes}), but together they would hold more than the heap. The unfinished messages stop at their
 * shared bound ({@code http_memory_full}) instead of running out of memory, and each is still reported, cut.
 */
class UnfinishedUploadsTest {
    private static final int CONNECTIONS = 50;
    private static final int SEGMENTS = 2_100;
    private static final int MSS = 1448;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void unfinishedBodiesStopAtTheSharedBoundNotOutOfMemory() throws Exception {
        Path capture = dir.resolve("uploads.pcap");
        writeUploads(capture);
        for (String threads : List.of("1", "2")) {
            JsonNode c = OwnJvmAudit.captureWithExampleDevice(dir, "128m", capture, threads);
            assertThat(c.at("/flows/tcp").asLong()).isEqualTo(CONNECTIONS);
            assertThat(c.at("/anomalies/http_memory_full").asLong()).as(c.toString()).isPositive();
            assertThat(c.at("/anomalies/http_incomplete_message").asLong()).isEqualTo(CONNECTIONS);
            // what the bound cut is counted, not searched: most of the 150 MB
            assertThat(c.at("/anomalies/http_body_bytes_not_scanned").asLong())
                    .isGreaterThan((long) CONNECTIONS * SEGMENTS * MSS / 2);
            assertThat(c.at("/anomalies/tcp_gap").asLong()).isZero();
        }
    }

    /** Writes the connections as a pcap, one packet at a time (never held in memory). */
    private static void writeUploads(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            OwnJvmAudit.pcapHeader(out);
            ByteBuffer rec = ByteBuffer.allocate(16 + 14 + 20 + 20 + MSS);
            byte[] head = ("POST /upload HTTP/1.1\r\nHost: up.example.com\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 8000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            long micros = 0;
            byte[] device = {(byte) 192, (byte) 168, 31, 7};
            for (int c = 0; c < CONNECTIONS; c++) {
                int port = 10_000 + c;
                OwnJvmAudit.handshake(out, rec, micros, device, port);
                micros += 2;
                OwnJvmAudit.tcpPacket(out, rec, micros++, device, OwnJvmAudit.SERVER, port, 80, 1001, 5001, 0x18, head);
                micros = OwnJvmAudit.segments(out, rec, micros, device, port, 1001 + head.length, SEGMENTS, MSS);
            }
        }
    }
}
