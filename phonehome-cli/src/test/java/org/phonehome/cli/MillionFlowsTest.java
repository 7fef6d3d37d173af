package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        OwnJvmAudit.udpFlood(capture, FLOWS, PAYLOAD);
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
}
