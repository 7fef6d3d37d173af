package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.testing.AuditFixture.DEVICE;
import static org.phonehome.testing.AuditFixture.profile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.report.Audit;
import org.phonehome.testing.Traffic;

/**
 * A retransmission is compared with the bytes first delivered, which an audit of a capture file reads again from
 * the reader's recent buffers or from the file instead of keeping copies: the verdicts must be those of an audit of
 * the same bytes from a stream (which copies), whether the original is still buffered or megabytes back.
 */
class RetransmissionReadAgainTest {

    private static final String SERVER = "203.0.113.7";

    @TempDir
    Path dir;

    private static byte[] capture(boolean changed, int fillerBytes) {
        byte[] body = new byte[3000];
        Arrays.fill(body, (byte) 'a');
        byte[] again = Arrays.copyOfRange(body, 1000, 1500);
        if (changed) {
            again[250] = 'b';
        }
        Traffic t = new Traffic();
        Traffic.Session s = t.tcp(DEVICE, 40000, SERVER, 443).send(body);
        // Other flows in between, so that the original's buffer may be long gone when the retransmission comes.
        byte[] filler = new byte[1400];
        for (int port = 50000, sent = 0; sent < fillerBytes; port++, sent += 20 * filler.length) {
            Traffic.Session f = t.tcp(DEVICE, port, "198.51.100.9", 443);
            for (int k = 0; k < 20; k++) {
                f.send(filler);
            }
            f.close();
        }
        s.retransmit(2000, again).close();
        return t.pcap();
    }

    /** The anomalies of an audit of the capture as a file, with one thread and with two (the same, or null). */
    private Map<String, Long> fromFile(byte[] pcap) throws IOException {
        Path file = Files.write(dir.resolve("capture.pcap"), pcap);
        Map<String, Long> one = audit(CaptureInput.file(file), 1).capture().anomalies();
        Map<String, Long> two = audit(CaptureInput.file(file), 2).capture().anomalies();
        return one.equals(two) ? one : null;
    }

    private static Map<String, Long> fromStream(byte[] pcap) throws IOException {
        return audit(CaptureInput.stream("capture.pcap", new ByteArrayInputStream(pcap)), 1).capture().anomalies();
    }

    private static Audit audit(CaptureInput input, int threads) throws IOException {
        return new Auditor().audit(new AuditRequest(List.of(input), null, false, AuditRequest.Progress.NONE, null,
                profile(), null, null, null, null, Limits.DEFAULTS, threads));
    }

    @Test
    void aChangedRetransmissionIsFoundInABufferStillHeld() throws IOException {
        byte[] pcap = capture(true, 0);
        assertThat(fromFile(pcap)).containsEntry("tcp_overlap_inconsistent", 1L).isEqualTo(fromStream(pcap));
    }

    @Test
    void aChangedRetransmissionIsFoundInTheFileMegabytesBack() throws IOException {
        byte[] pcap = capture(true, 6 << 20);
        assertThat(pcap.length).isGreaterThan(6 << 20);
        assertThat(fromFile(pcap)).containsEntry("tcp_overlap_inconsistent", 1L).isEqualTo(fromStream(pcap));
    }

    @Test
    void theSameBytesAgainAreNoInconsistencyEitherWay() throws IOException {
        for (int filler : new int[] {0, 6 << 20}) {
            byte[] pcap = capture(false, filler);
            Map<String, Long> file = fromFile(pcap);
            assertThat(file.getOrDefault("tcp_overlap_inconsistent", 0L)).isZero();
            assertThat(file).containsKey("tcp_retransmission").isEqualTo(fromStream(pcap));
        }
    }
}
