package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.detect.DetectionOptions;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.policy.PolicyLoader;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.report.Audit;
import org.phonehome.report.Destination;
import org.phonehome.report.JsonReport;
import org.phonehome.testing.Traffic;

/** Several worker threads give the report of one, byte for byte. */
class ParallelAuditTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String SCENARIOS = "/org/phonehome/scenarios/";

    @Test
    void theExampleAuditIsTheSameWithOneTwoAndThreeThreads() throws Exception {
        AuditRequest one = exampleRequest();
        String json = json(one);
        assertThat(json).contains("\"findings\"");
        assertThat(json(one.withThreads(2))).isEqualTo(json);
        assertThat(json(one.withThreads(3))).isEqualTo(json);
    }

    @Test
    void theReportIsTheSameWhicheverWorkerEachNewFlowGoesTo() throws Exception {
        AuditRequest one = exampleRequest();
        String json = json(one);
        for (int seed = 0; seed < 5; seed++) {
            java.util.Random random = new java.util.Random(seed);
            assertThat(new JsonReport().toJson(new Auditor(hashed -> random.nextInt(3)).audit(one.withThreads(3))))
                    .as("seed %d", seed).isEqualTo(json);
        }
        assertThat(new JsonReport().toJson(new Auditor(hashed -> 1).audit(one.withThreads(2)))).isEqualTo(json);
    }

    @Test
    void theReadingThreadsWorkerAloneGivesTheSameReport() throws Exception {
        // Worker 0 runs on the thread that reads: every flow there, the other worker only keeps the clock.
        AuditRequest one = exampleRequest();
        String json = json(one);
        assertThat(new JsonReport().toJson(new Auditor(hashed -> 0).audit(one.withThreads(2)))).isEqualTo(json);
        assertThat(new JsonReport().toJson(new Auditor(hashed -> 0).audit(one.withThreads(3)))).isEqualTo(json);
    }

    @Test
    void theFlowLimitIsSharedWhicheverWorkerNewFlowsGoTo() throws Exception {
        // 60 concurrent DNS flows, 20 held at most: 40 evicted with one thread. With two, a worker given every new
        // flow holds its floor (5) and the pool (10), not an even share (10); flows split between the two hold 20
        // together, whichever worker takes the pool.
        Traffic t = new Traffic();
        for (int i = 0; i < 60; i++) {
            t.udp("192.168.31.7", 5000 + i, "192.168.31.1", 53, Traffic.dnsQuery(i, "a" + i + ".example"));
            t.advance(1_000_000);
        }
        byte[] pcap = t.pcap();
        Limits limits = Limits.DEFAULTS.with(SettableLimit.FLOWS, 20);
        assertThat(evicted(new Auditor(), request(pcap, 1).withLimits(limits))).isEqualTo(40);
        for (int only = 0; only < 2; only++) {
            int worker = only;
            assertThat(evicted(new Auditor(hashed -> worker), request(pcap, 2).withLimits(limits)))
                    .as("all to worker %d", worker).isEqualTo(45);
        }
        assertThat(evicted(new Auditor(hashed -> hashed), request(pcap, 2).withLimits(limits))).isEqualTo(40);
    }

    private static long evicted(Auditor auditor, AuditRequest request) throws IOException {
        return auditor.audit(request).capture().anomalies().getOrDefault("flow_evicted", 0L);
    }

    @Test
    void aReadErrorEndsAParallelAuditWithThatError() {
        // The reading thread is also a worker: its error ends the audit, and the other workers are stopped.
        Traffic t = new Traffic();
        for (int i = 0; i < 2_000; i++) {
            t.udp("192.168.31.7", 5000 + i % 500, "192.168.31.1", 53, Traffic.dnsQuery(i, "a" + i + ".example"));
            t.udp("192.168.31.1", 53, "192.168.31.7", 5000 + i % 500,
                    Traffic.dnsAnswer(i, "a" + i + ".example", null, "203.0.113." + (i % 250 + 1)));
            t.advance(1_000_000);
        }
        byte[] pcap = t.pcap();
        java.io.InputStream failing = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(pcap)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > pcap.length / 2) {
                    throw new IOException("disk gone");
                }
                int n = super.read(b, off, Math.min(len, 4096));
                read += Math.max(0, n);
                return n;
            }
        };
        AuditRequest request = new AuditRequest(List.of(CaptureInput.stream("in.pcap", failing)), null, true,
                AuditRequest.Progress.NONE, null, null, null, null, null, null, null, 2);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Auditor(hashed -> hashed).audit(request)).hasMessageContaining("disk gone"));
    }

    @Test
    void theScenarioAuditsAreTheSameWithTwoThreads() throws Exception {
        DeviceProfile profile = DeviceProfileLoader.load(resource("device.yaml"));
        PolicyEngine policy = PolicyEngine.of(PolicyLoader.load(resource("scenario-policy.yaml")));
        for (String capture : List.of("beacon.pcap", "cloud-on.pcap", "cloud-off.pcap")) {
            AuditRequest one = new AuditRequest(List.of(CaptureInput.file(resource(capture))), null, true,
                    AuditRequest.Progress.NONE, null, profile, DetectionOptions.defaults(), null, policy, null);
            assertThat(json(one.withThreads(2))).as(capture).isEqualTo(json(one));
        }
    }

    @Test
    void flowsAreNamedByDnsAnswersHandledByAnotherWorker(@TempDir Path dir) throws Exception {
        // Each connection carries no SNI or Host: only the DNS answer before it names it. With several workers the
        // DNS flow and the connection it names mostly fall to different workers.
        Traffic t = new Traffic();
        for (int i = 0; i < 40; i++) {
            String ip = "203.0.113." + (i + 1);
            String name = "svc" + i + ".example.net";
            t.udp("192.168.31.7", 30000 + i, "192.168.31.1", 53, Traffic.dnsQuery(i, name));
            t.advance(1_000_000);
            t.udp("192.168.31.1", 53, "192.168.31.7", 30000 + i, Traffic.dnsAnswer(i, name, null, ip));
            t.advance(1_000_000);
            t.tcp("192.168.31.7", 40000 + i, ip, 7000).send(("hello " + i).getBytes(StandardCharsets.US_ASCII))
                    .reply("ok".getBytes(StandardCharsets.US_ASCII)).close();
            t.advance(1_000_000);
        }
        Path pcap = dir.resolve("named.pcap");
        Files.write(pcap, t.pcap());
        AuditRequest one = new AuditRequest(List.of(CaptureInput.file(pcap)), null, true,
                AuditRequest.Progress.NONE, null, null, null, null, null, null);
        Audit single = new Auditor().audit(one);
        Audit parallel = new Auditor().audit(one.withThreads(2));
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hosts.add("svc" + i + ".example.net");
        }
        assertThat(parallel.destinations()).extracting(Destination::host).containsAll(hosts);
        assertThat(new JsonReport().toJson(parallel)).isEqualTo(new JsonReport().toJson(single));
    }

    @Test
    void aStreamReadOnceIsSharedByTheWorkers() throws Exception {
        Traffic t = new Traffic();
        for (int i = 0; i < 50; i++) {
            t.udp("192.168.31.7", 5000 + i, "203.0.113." + (i + 1), 53, Traffic.dnsQuery(i, "a" + i + ".example"));
        }
        byte[] pcap = t.pcap();
        String one = json(request(pcap, 1));
        assertThat(json(request(pcap, 4))).isEqualTo(one);
        assertThat(one).contains("\"udp\" : 50");
    }

    private static AuditRequest request(byte[] pcap, int threads) {
        return new AuditRequest(List.of(CaptureInput.stream("in.pcap", new java.io.ByteArrayInputStream(pcap))),
                null, true, AuditRequest.Progress.NONE, null, null, null, null, null, null, null, threads);
    }

    /**
     * Every capture of the shared corpus ({@code PHONEHOME_CORPUS}): the report with two workers equals the one
     * with one, flows listed, and so does the report with three workers given new flows at random.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "PHONEHOME_CORPUS", matches = ".+")
    void everyCorpusCaptureGivesTheSameReportWithTwoThreads() throws IOException {
        Path corpus = Path.of(System.getenv("PHONEHOME_CORPUS")).resolve("captures");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().toList();
        }
        Map<String, String> differ = new TreeMap<>();
        for (Path f : files) {
            AuditRequest one = new AuditRequest(List.of(CaptureInput.file(f)), null, true,
                    AuditRequest.Progress.NONE, null, null, null, null, null, null);
            String a;
            try {
                a = json(one);
            } catch (IOException | RuntimeException e) {
                continue; // not a capture phonehome reads: the CLI reports it; nothing to compare
            }
            if (!json(one.withThreads(2)).equals(a)) {
                differ.put(f.getFileName().toString(), "differs");
            }
            // New flows given to any worker, not the one furthest ahead: still the same report.
            java.util.Random random = new java.util.Random(f.getFileName().toString().hashCode());
            if (!new JsonReport().toJson(new Auditor(hashed -> random.nextInt(3)).audit(one.withThreads(3)))
                    .equals(a)) {
                differ.put(f.getFileName().toString(), "differs with new flows given at random");
            }
        }
        assertThat(files).isNotEmpty();
        assertThat(differ).isEmpty();
    }

    /** The bundled example with its profile, policy and keys, on one thread, flows listed. */
    private static AuditRequest exampleRequest() throws Exception {
        DeviceProfile profile = DeviceProfileLoader.load(EXAMPLES.resolve("device.yaml"));
        PolicyEngine policy = PolicyEngine.of(PolicyLoader.load(EXAMPLES.resolve("policy.yaml")));
        KeyLog keys = KeyLog.parse(Files.readString(EXAMPLES.resolve("redmi-note.keys")), "redmi-note.keys");
        return new AuditRequest(List.of(CaptureInput.file(EXAMPLES.resolve("redmi-note.pcap"))), null, true,
                AuditRequest.Progress.NONE, null, profile, DetectionOptions.defaults(), null, policy, keys);
    }

    private static String json(AuditRequest request) throws IOException {
        return new JsonReport().toJson(new Auditor().audit(request));
    }

    private static Path resource(String name) throws java.net.URISyntaxException {
        return Path.of(ParallelAuditTest.class.getResource(SCENARIOS + name).toURI());
    }
}
