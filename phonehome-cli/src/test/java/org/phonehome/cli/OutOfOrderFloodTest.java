package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that each leave a hole and send 3 MB after it, 60 of them (180 MB), audited by {@code phonehome} in a
 * JVM of its own with a 128 MB heap: each connection may hold its 3 MB while waiting, but together they would hold
 * more than the heap. The out-of-order bytes of all connections stop at their shared bound
 * ({@code tcp_ooo_memory_full}) instead of running out of memory, and every byte is still delivered.
 */
class OutOfOrderFloodTest {
    private static final int CONNECTIONS = 60;
    private static final int SEGMENTS = 2_100;
    private static final int MSS = 1448;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void connectionsWaitingForHolesStopAtTheSharedBoundNotOutOfMemory() throws Exception {
        Path capture = dir.resolve("holes.pcap");
        writeFlood(capture);
        for (String threads : List.of("1", "2")) {
            JsonNode c = OwnJvmAudit.captureWithExampleDevice(dir, "128m", capture, threads);
            assertThat(c.at("/flows/tcp").asLong()).isEqualTo(CONNECTIONS);
            assertThat(c.at("/anomalies/tcp_ooo_memory_full").asLong()).as(c.toString()).isPositive();
            // Each connection's hole is reported once, whether it gave up at the bound or at its end.
            assertThat(c.at("/anomalies/tcp_gap").asLong()).isEqualTo(CONNECTIONS);
            assertThat(c.at("/anomalies/tcp_gap_bytes").asLong()).isEqualTo((long) CONNECTIONS * MSS);
        }
    }

    /** Writes the connections as a pcap, one packet at a time (never held in memory). */
    private static void writeFlood(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            OwnJvmAudit.pcapHeader(out);
            ByteBuffer rec = ByteBuffer.allocate(16 + 14 + 20 + 20 + MSS);
            long micros = 0;
            byte[] device = {(byte) 192, (byte) 168, 31, 7};
            for (int c = 0; c < CONNECTIONS; c++) {
                int port = 10_000 + c;
                OwnJvmAudit.handshake(out, rec, micros, device, port);
                micros += 2;
                // One segment missing, then SEGMENTS that wait for it.
                micros = OwnJvmAudit.segments(out, rec, micros, device, port, 1001 + MSS, SEGMENTS, MSS);
            }
        }
    }
}
