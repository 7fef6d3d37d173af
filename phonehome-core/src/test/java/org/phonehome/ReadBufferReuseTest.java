package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.testing.AuditFixture.DEVICE;
import static org.phonehome.testing.AuditFixture.IMEI;
import static org.phonehome.testing.AuditFixture.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.report.Audit;
import org.phonehome.report.JsonReport;
import org.phonehome.testing.Traffic;

/**
 * The reader's buffers are used again once nothing can read them: an audit whose reused buffers are first filled
 * with poison gives the report of one that never reuses a buffer, with one thread and several. The buffers are
 * small (128 KB) and only two recent ones are kept for reading retransmitted bytes again, so that buffers are
 * reused many times within a capture while connections, held segments and retransmissions span them.
 */
class ReadBufferReuseTest {

    private static final int SMALL = 128 * 1024;
    private static final ReadBufferSettings NEVER = new ReadBufferSettings(SMALL, 2, false, false);
    private static final ReadBufferSettings POISONED = new ReadBufferSettings(SMALL, 2, true, true);

    @TempDir
    Path dir;

    /**
     * Thirty HTTP connections at once, each with forty requests carrying the IMEI (split across segments, some sent
     * with their first piece last, some retransmitted a round later, some of those changed) and replies of 1 KB;
     * DNS lookups (many small frames, so that the buffers of a parallel audit's frames in flight are few) and
     * fragmented UDP between them; 7 MB and 55,000 frames in all.
     */
    private Path capture() throws IOException {
        Random random = new Random(7);
        Traffic t = new Traffic();
        List<Traffic.Session> sessions = new ArrayList<>();
        byte[][] last = new byte[30][];
        for (int i = 0; i < 30; i++) {
            sessions.add(t.tcp(DEVICE, 40000 + i, "203.0.113." + (i + 1), 80));
        }
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < sessions.size(); i++) {
                Traffic.Session s = sessions.get(i);
                if (last[i] != null && random.nextInt(4) == 0) {
                    byte[] again = last[i].clone();
                    if (random.nextInt(3) == 0) {
                        again[again.length / 2] ^= 1;
                    }
                    s.retransmit(again.length, again);
                }
                byte[] body = ("{\"imsi\":\"460001234567890\",\"n\":" + round + ",\"pad\":\"" + "x".repeat(
                        random.nextInt(1500)) + "\"}").getBytes(StandardCharsets.US_ASCII);
                byte[] request = ("POST /v1/report?imei=" + IMEI + "&r=" + round + " HTTP/1.1\r\nHost: api" + i
                        + ".example.com\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n" + new String(body, StandardCharsets.US_ASCII))
                        .getBytes(StandardCharsets.US_ASCII);
                if (random.nextInt(5) == 0) {
                    s.sendFirstPieceLast(request, 300);
                } else {
                    s.sendSplit(request, 20 + random.nextInt(40), 100 + random.nextInt(200));
                }
                last[i] = request;
                byte[] content = new byte[1000];
                random.nextBytes(content);
                s.reply(concat(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), content));
                for (int q = 0; q < 20; q++) {
                    int id = (round * 30 + i) * 20 + q;
                    String name = "n" + q + ".api" + i + ".example.com";
                    t.udp(DEVICE, 20000 + id % 40000, "192.168.31.1", 53, Traffic.dnsQuery(id & 0xffff, name));
                    t.udp("192.168.31.1", 53, DEVICE, 20000 + id % 40000,
                            Traffic.dnsAnswer(id & 0xffff, name, null, "198.51.100." + (q + 1)));
                }
                if (random.nextInt(10) == 0) {
                    t.udpFragments(DEVICE, 31000 + round, "198.51.100.4", 9000, ("id=" + IMEI + " "
                            + "y".repeat(3000)).getBytes(StandardCharsets.US_ASCII), 1000);
                }
                t.advance(2_000_000);
            }
        }
        sessions.forEach(Traffic.Session::close);
        return Files.write(dir.resolve("reuse.pcap"), t.pcap());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static AuditRequest request(List<Path> files, int threads) {
        return new AuditRequest(files.stream().map(CaptureInput::file).toList(), null, true,
                AuditRequest.Progress.NONE, null, profile(), null, null, null, null, Limits.DEFAULTS, threads);
    }

    @Test
    void reusedBuffersGiveTheReportOfNewOnesWithOneTwoAndThreeThreads() throws IOException {
        Path pcap = capture();
        assertThat(Files.size(pcap)).isGreaterThan(4L << 20);
        Audit expected = new Auditor(null, NEVER).audit(request(List.of(pcap), 1));
        String json = new JsonReport().toJson(expected);
        assertThat(expected.findings()).isNotEmpty();
        assertThat(expected.capture().anomalies()).containsKey("tcp_overlap_inconsistent")
                .containsKey("tcp_retransmission");
        for (int threads = 1; threads <= 3; threads++) {
            Auditor reusing = new Auditor(null, POISONED);
            assertThat(new JsonReport().toJson(reusing.audit(request(List.of(pcap), threads))))
                    .as("%d threads", threads).isEqualTo(json);
            assertThat(reusing.buffersReused).as("%d threads", threads).isGreaterThan(20);
        }
        Random random = new Random(3);
        Auditor atRandom = new Auditor(hashed -> random.nextInt(2), POISONED);
        assertThat(new JsonReport().toJson(atRandom.audit(request(List.of(pcap), 2)))).isEqualTo(json);
    }

    @Test
    void theDefaultBuffersAreReusedOnALargeCapture() throws IOException {
        Path pcap = capture();
        Auditor auditor = new Auditor();
        String json = new JsonReport().toJson(auditor.audit(request(List.of(pcap, pcap, pcap), 2)));
        assertThat(auditor.buffersReused).isPositive();
        assertThat(new JsonReport().toJson(new Auditor(null, new ReadBufferSettings(
                ReadBufferSettings.DEFAULT.bufferBytes(), ReadBufferSettings.DEFAULT.recentBuffers(), false, false))
                .audit(request(List.of(pcap, pcap, pcap), 2)))).isEqualTo(json);
    }

    /**
     * Every capture of the shared corpus ({@code PHONEHOME_CORPUS}) in one audit, read into reused, poisoned
     * buffers: the report of new buffers, with one thread and two.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "PHONEHOME_CORPUS", matches = ".+")
    void theCorpusInOneAuditGivesTheReportOfNewBuffers() throws IOException {
        Path corpus = Path.of(System.getenv("PHONEHOME_CORPUS")).resolve("captures");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus)) {
            for (Path f : s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().toList()) {
                try {
                    new Auditor().audit(request(List.of(f), 1));
                    files.add(f);
                } catch (IOException | RuntimeException e) {
                    // not a capture phonehome reads: the CLI reports it; nothing to compare
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        String json = new JsonReport().toJson(new Auditor(null, NEVER).audit(request(files, 1)));
        for (int threads = 1; threads <= 2; threads++) {
            Auditor reusing = new Auditor(null, POISONED);
            assertThat(new JsonReport().toJson(reusing.audit(request(files, threads)))).as("%d threads", threads)
                    .isEqualTo(json);
            assertThat(reusing.buffersReused).as("%d threads", threads).isGreaterThan(50);
        }
    }
}
