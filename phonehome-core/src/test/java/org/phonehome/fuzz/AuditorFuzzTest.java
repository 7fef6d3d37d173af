package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.phonehome.AuditRequest;
import org.phonehome.Auditor;
import org.phonehome.CaptureInput;
import org.phonehome.capture.LinkType;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.detect.profile.ProfileException;
import org.phonehome.report.Audit;
import org.phonehome.report.JsonReport;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.PcapBuilder;

/**
 * The whole audit (decode, flows, protocol recognition and parsers, detection with a device profile, the JSON
 * report) on a valid Ethernet pcap whose frames come from a script, so the fuzzer reaches the parsers behind the
 * headers.
 *
 * <p>Script ({@link FuzzScript}) op code: bits 0-1 the kind: 0 a raw Ethernet frame (the op's bytes), 1 a TCP
 * segment (first byte the flags, the rest the payload), 2 a UDP datagram (the op's bytes as payload), 3 the clock
 * moves 10 minutes on; bit 2 from server to device; bits 3-4 the conversation (HTTP, TLS, DNS, QUIC ports); bits
 * 5-6 the sequence number: 0 the next expected, 1 a jump of 2^31, 2 a retransmission of the last segment's start,
 * 3 a new connection (a fresh initial sequence number).
 *
 * <p>Checked: no safety net of any stage is used ({@code undecoded.decoder_error}, {@code flow_internal_error},
 * {@code protocol_error}, {@code *_parser_error}, {@code scan_internal_error}), every packet is accounted for, and
 * the JSON report is the same with one worker thread and with two, and read from a file as from a stream.
 */
class AuditorFuzzTest {
    static final String DEVICE = "10.0.0.2";
    static final String[] SERVERS = {"93.184.216.34", "93.184.216.35", "8.8.8.8", "142.250.74.100"};
    static final int[] SERVER_PORTS = {80, 443, 53, 443};
    /**
     * A few identifiers only: the audit builds its matcher from the profile on every run, and the ~600 variants of a
     * full profile (phone and location formats) cost ten times the audit itself; the matcher has its own target.
     */
    static final String PROFILE_YAML = """
            device:
              name: fuzz unit
              identifiers:
                imei: "864048021234563"
                android_id: "9774d56d682e549c"
                email: "tester@example.com"
              canaries:
                strings: ["PHCANARY-2KBMW62GXD"]
            """;
    private static final DeviceProfile PROFILE = profile();
    private static final List<String> SAFETY_NETS = List.of("decoder_error", "flow_internal_error",
            "protocol_error", "http_parser_error", "tls_parser_error", "quic_parser_error", "scan_internal_error");

    /**
     * Where each capture is also written, to be audited from a file: there, retransmissions are compared with bytes
     * read again from the file ({@code CaptureBuffers}), not with copies.
     */
    private static final Path FILE = tempFile();

    @FuzzTest
    void auditsAnyCapture(byte[] data) throws IOException {
        byte[] pcap = capture(data);
        String first = audit(CaptureInput.stream(FILE.toString(), new ByteArrayInputStream(pcap)), 1);
        String second = audit(CaptureInput.stream(FILE.toString(), new ByteArrayInputStream(pcap)), 2);
        assertThat(second).as("same capture, same report with one worker and two").isEqualTo(first);
        Files.write(FILE, pcap);
        String fromFile = audit(CaptureInput.file(FILE), 2);
        assertThat(fromFile).as("same report from a file (delivered bytes read again) as from a stream")
                .isEqualTo(first);
    }

    private static Path tempFile() {
        try {
            Path p = Files.createTempFile("phonehome-fuzz", ".pcap");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String audit(CaptureInput input, int threads) throws IOException {
        AuditRequest request = new AuditRequest(List.of(input), null, true, AuditRequest.Progress.NONE, null,
                PROFILE, null, null, null, null).withThreads(threads);
        Audit audit = new Auditor().audit(request);
        Map<String, Long> anomalies = audit.capture().anomalies();
        for (String net : SAFETY_NETS) {
            assertThat(anomalies).as("safety net used").doesNotContainKey(net);
        }
        assertThat(audit.capture().undecoded()).as("decoder safety net used").doesNotContainKey("decoder_error");
        long decoded = audit.capture().decoded().values().stream().mapToLong(Long::longValue).sum()
                + audit.capture().undecoded().values().stream().mapToLong(Long::longValue).sum();
        assertThat(decoded).as("packets accounted for").isEqualTo(audit.capture().packets());
        return new JsonReport().toJson(audit);
    }

    /** The script's frames as a pcap. */
    static byte[] capture(byte[] script) {
        PcapBuilder pcap = CaptureBuilder.pcap(LinkType.ETHERNET);
        long now = 1_710_230_400_000_000_000L;
        long[][] next = new long[SERVERS.length][2];
        long[][] last = new long[SERVERS.length][2];
        int ipId = 1;
        for (FuzzScript.Op op : FuzzScript.parse(script)) {
            int code = op.code();
            int kind = code & 3;
            if (kind == 3) {
                now += TimeUnit.MINUTES.toNanos(10);
                continue;
            }
            now += 1_000_000;
            byte[] b = op.bytes();
            if (kind == 0) {
                pcap.packet(now, b);
                continue;
            }
            int dir = (code >>> 2) & 1;
            int conv = (code >>> 3) & 3;
            String src = dir == 0 ? DEVICE : SERVERS[conv];
            String dst = dir == 0 ? SERVERS[conv] : DEVICE;
            int clientPort = 40000 + conv;
            int sport = dir == 0 ? clientPort : SERVER_PORTS[conv];
            int dport = dir == 0 ? SERVER_PORTS[conv] : clientPort;
            byte[] transport;
            int protocol;
            if (kind == 2) {
                protocol = Frames.UDP;
                transport = Frames.udp(sport, dport, b);
            } else {
                protocol = Frames.TCP;
                int flags = b.length > 0 ? b[0] & 0xff : 0x18;
                byte[] payload = b.length > 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
                long seq = switch ((code >>> 5) & 3) {
                    case 0 -> next[conv][dir];
                    case 1 -> next[conv][dir] + (1L << 31);
                    case 2 -> last[conv][dir];
                    default -> 1000L * (1 + ipId);
                } & 0xffffffffL;
                last[conv][dir] = seq;
                next[conv][dir] = (seq + payload.length + ((flags & 0x03) != 0 ? 1 : 0)) & 0xffffffffL;
                transport = Frames.tcp(sport, dport, seq, next[conv][1 - dir], flags, payload);
            }
            pcap.packet(now, Frames.ethernet(Frames.ipv4(src, dst, protocol, ipId++ & 0xffff, 0, transport)));
        }
        return pcap.bytes();
    }

    private static DeviceProfile profile() {
        try {
            return DeviceProfileLoader.load(PROFILE_YAML, "device.yaml");
        } catch (ProfileException e) {
            throw new IllegalStateException(e);
        }
    }

}
