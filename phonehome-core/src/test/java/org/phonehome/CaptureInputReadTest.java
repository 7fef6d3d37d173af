package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.phonehome.testing.AuditFixture.DEVICE;
import static org.phonehome.testing.AuditFixture.IMEI;
import static org.phonehome.testing.AuditFixture.profile;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phonehome.capture.NativeFileInput;
import org.phonehome.report.JsonReport;
import org.phonehome.testing.Traffic;

/**
 * A capture file is read through the JNI shim where it is loaded, and with FileInputStream where it is turned off,
 * to the same audit. On a thread of its own with a timeout: a stream that never ends would keep the reader reading.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CaptureInputReadTest {

    @TempDir
    Path dir;

    private Path capture() throws IOException {
        Traffic t = new Traffic();
        for (int i = 0; i < 200; i++) {
            t.tcp(DEVICE, 40000 + i, "203.0.113." + (i % 200 + 1), 80)
                    .sendSplit(("GET /r?imei=" + IMEI + "&n=" + i + " HTTP/1.1\r\nHost: api.example.com\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII), 30)
                    .reply("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).close();
            t.advance(1_000_000);
        }
        return Files.write(dir.resolve("read.pcap"), t.pcap());
    }

    private static String audit(Path pcap) throws IOException {
        return new JsonReport().toJson(new Auditor().audit(new AuditRequest(List.of(CaptureInput.file(pcap)), null,
                true, AuditRequest.Progress.NONE, null, profile(), null, null, null, null, Limits.DEFAULTS, 2)));
    }

    @Test
    void theShimAndFileInputStreamGiveTheSameAudit() throws IOException {
        assumeTrue(NativeFileInput.enabled(), "the native shim is not loaded: " + NativeFileInput.status());
        Path pcap = capture();
        try (InputStream in = CaptureInput.file(pcap).opener().open()) {
            assertThat(in).isInstanceOf(NativeFileInput.class);
        }
        String json = audit(pcap);
        assertThat(json).contains("\"imei\"");
        String before = System.getProperty("phonehome.nativeread");
        System.setProperty("phonehome.nativeread", "off");
        try {
            try (InputStream in = CaptureInput.file(pcap).opener().open()) {
                assertThat(in).isInstanceOf(FileInputStream.class);
            }
            assertThat(audit(pcap)).isEqualTo(json);
        } finally {
            if (before == null) {
                System.clearProperty("phonehome.nativeread");
            } else {
                System.setProperty("phonehome.nativeread", before);
            }
        }
    }
}
