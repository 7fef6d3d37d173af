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
 * 60,000 HTTP connections that each send part of a request head and then nothing, audited with a device profile in
 * a JVM of its own with a 128 MB heap: a connection whose parser holds a partial head costs more than a bare flow,
 * and the flow limit the heap affords must still leave room for them ({@code flow_evicted}, not out of memory).
 */
class IdleConnectionsTest {
    private static final int CONNECTIONS = 60_000;
    private static final byte[] HEAD = ("GET /api/v1/sync?device=abc&nonce=0123456789abcdef HTTP/1.1\r\n"
            + "Host: api.example.com\r\nUser-Agent: okhttp/4.9.3\r\nAccept: */*\r\nX-Long: " + "z".repeat(300))
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void connectionsHoldingPartialHeadsAreEvictedNotOutOfMemory() throws Exception {
        Path capture = dir.resolve("idle.pcap");
        write(capture);
        JsonNode c = OwnJvmAudit.captureWithExampleDevice(dir, "128m", capture, "1");
        assertThat(c.at("/flows/tcp").asLong()).isEqualTo(CONNECTIONS);
        assertThat(c.at("/anomalies/flow_evicted").asLong()).isPositive();
        assertThat(c.at("/anomalies/http_incomplete_message").asLong()).isEqualTo(CONNECTIONS);
    }

    /** Writes SYN, SYN-ACK and a request head cut short for each connection, a new device address each. */
    private static void write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            OwnJvmAudit.pcapHeader(out);
            ByteBuffer rec = ByteBuffer.allocate(16 + 14 + 20 + 20 + HEAD.length);
            long micros = 0;
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] device = {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
                int port = 10_000 + i % 50_000;
                OwnJvmAudit.handshake(out, rec, micros, device, port);
                micros += 2;
                OwnJvmAudit.tcpPacket(out, rec, micros++, device, OwnJvmAudit.SERVER, port, 80, 1001, 5001, 0x18,
                        HEAD);
            }
        }
    }
}
