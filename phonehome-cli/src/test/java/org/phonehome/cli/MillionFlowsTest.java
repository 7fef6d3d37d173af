package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of 1,000,000 concurrent UDP flows (a new device address each, all within 10 s so none times out) audited
 * by {@code phonehome} in a JVM of its own with a 256 MB heap, as {@code scripts/stress-flows} does by hand: the
 * flow table holds what the heap affords, ends the least recently active flows ({@code flow_evicted}) instead of
 * running out of memory, and every packet is accounted for.
 */
class MillionFlowsTest {
    private static final int FLOWS = 1_000_000;
    private static final int PAYLOAD = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMillionConcurrentFlowsIn256MegabytesAreEvictedAndCountedNotOutOfMemory() throws Exception {
        Path capture = dir.resolve("flows.pcap");
        writeFlood(capture);
        JsonNode c = OwnJvmAudit.capture(dir, "256m", List.of(capture.toString()));
        long accounted = 0;
        for (JsonNode section : List.of(c.get("decoded"), c.get("undecoded"))) {
            for (JsonNode n : section) {
                accounted += n.asLong();
            }
        }
        assertThat(c.get("packets").asLong()).isEqualTo(FLOWS);
        assertThat(accounted).as("packets accounted for").isEqualTo(FLOWS);
        assertThat(c.at("/flows/udp").asLong()).isEqualTo(FLOWS);
        assertThat(c.at("/anomalies/flow_evicted").asLong()).isPositive();
    }

    /** Writes the flood as a pcap, one packet at a time (78 MB; never held in memory). */
    private static void writeFlood(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            OwnJvmAudit.pcapHeader(out);
            int frameLength = 14 + 20 + 8 + PAYLOAD;
            ByteBuffer rec = ByteBuffer.allocate(16 + frameLength);
            for (int i = 0; i < FLOWS; i++) {
                rec.clear();
                rec.order(ByteOrder.LITTLE_ENDIAN);
                long micros = (long) i * 10_000_000L / FLOWS;
                rec.putInt((int) (1_700_000_000L + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                        .putInt(frameLength).putInt(frameLength);
                rec.order(ByteOrder.BIG_ENDIAN);
                rec.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).putShort((short) 0x0800);
                // IPv4 from 10.x.y.z, a new device address per flow, to 203.0.113.7
                rec.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + PAYLOAD)).putShort((short) i)
                        .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                        .put((byte) 10).put((byte) (i >>> 16)).put((byte) (i >>> 8)).put((byte) i)
                        .put((byte) 203).put((byte) 0).put((byte) 113).put((byte) 7);
                rec.putShort((short) (20_000 + i % 30_000)).putShort((short) 9999).putShort((short) (8 + PAYLOAD))
                        .putShort((short) 0);
                for (int k = 0; k < PAYLOAD; k++) {
                    rec.put((byte) 'x');
                }
                out.write(rec.array(), 0, rec.position());
            }
        }
    }
}
