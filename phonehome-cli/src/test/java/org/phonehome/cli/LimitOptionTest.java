package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.cli.Cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.SettableLimit;
import org.phonehome.cli.Cli.Result;

/** {@code phonehome audit --limit NAME=VALUE}. */
class LimitOptionTest {

    @TempDir
    Path dir;

    private static JsonNode anomalies(Result r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).at("/capture/anomalies");
    }

    @Test
    void aLowFlowLimitEvictsAndCountsWhereTheDefaultDoesNot() throws Exception {
        Path cap = dir.resolve("five.pcap");
        Files.write(cap, Cli.udpPcap(5, 9999, "ping".getBytes(StandardCharsets.US_ASCII)));
        assertThat(anomalies(run("audit", cap.toString(), "--json", "-")).has("flow_evicted")).isFalse();
        assertThat(anomalies(run("audit", cap.toString(), "--json", "-", "--limit", "flows=2"))
                .get("flow_evicted").asLong()).isEqualTo(3);
    }

    @Test
    void aLowBodyLimitTruncatesAndCounts() throws Exception {
        Path cap = dir.resolve("big.pcap");
        Files.write(cap, Cli.udpPcap(1, 1900, ("NOTIFY * HTTP/1.1\r\nHost: 239.255.255.250:1900\r\nContent-Length: "
                + "1100\r\n\r\n" + "x".repeat(1100)).getBytes(StandardCharsets.US_ASCII)));
        assertThat(anomalies(run("audit", cap.toString(), "--json", "-")).has("http_body_truncated")).isFalse();
        assertThat(anomalies(run("audit", cap.toString(), "--json", "-", "--limit", "http-body-bytes=1k",
                "--limit", "scan-depth=2")).get("http_body_truncated").asLong()).isEqualTo(1);
    }

    @Test
    void limitHelpListsEveryNameWithItsDefaultAndAnomaly() {
        Result r = run("audit", "--limit", "help");
        assertThat(r.code()).isZero();
        String unwrapped = r.out().replaceAll("\\s+", " ");
        for (SettableLimit l : SettableLimit.values()) {
            assertThat(r.out()).contains("  " + l.limitName() + "=");
            assertThat(unwrapped).contains(l.anomalies());
        }
        assertThat(r.out()).contains("parser-held-total=" + SettableLimit.PARSER_HELD_TOTAL.format(
                org.phonehome.proto.ParserMemory.bytesFor(Runtime.getRuntime().maxMemory())) + " (follows the heap)");
        assertThat(r.out()).contains("http-body-bytes=16M").contains("scan-depth=8");
    }

    @Test
    void theHelpTextNamesEveryLimit() {
        assertThat(AuditCommand.LIMIT_NAMES).isEqualTo(SettableLimit.names());
        assertThat(run("audit", "--help").out()).contains("--limit").contains("hpack-table-bytes");
    }

    @Test
    void anUnknownNameIsAUsageErrorListingTheNames() throws Exception {
        Path cap = dir.resolve("one.pcap");
        Files.write(cap, Cli.oneUdpPacketPcap());
        Result r = run("audit", cap.toString(), "--limit", "dns-name-bytes=512");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).isEqualTo("phonehome: error: --limit: unknown limit 'dns-name-bytes'; the names are "
                + SettableLimit.names() + System.lineSeparator());
    }
}
