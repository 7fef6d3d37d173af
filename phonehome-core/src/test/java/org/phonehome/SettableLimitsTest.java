package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.testing.AuditFixture.DEVICE;
import static org.phonehome.testing.AuditFixture.ascii;
import static org.phonehome.testing.AuditFixture.request;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.AuditFixture;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.Http2Frames;
import org.phonehome.testing.Traffic;

/**
 * Every {@link SettableLimit} through a whole audit: a capture that stays within the default hits the limit when a
 * user sets it low, and the report counts it under the limit's anomaly name.
 */
class SettableLimitsTest {
    private static final String SERVER = "203.0.113.7";

    /** The capture's anomalies with the defaults and with {@code setting}; checks the limit names the anomaly. */
    private static void hitOnlyWhenLowered(byte[] capture, String setting, String anomaly) throws Exception {
        SettableLimit limit = SettableLimit.named(setting.substring(0, setting.indexOf('=')));
        assertThat(List.of(limit.anomalies().split(", "))).contains(anomaly);
        Map<String, Long> defaults = AuditFixture.anomalies(AuditFixture.audit(capture, Limits.DEFAULTS));
        assertThat(defaults).as("with the default").doesNotContainKey(anomaly);
        Map<String, Long> lowered = AuditFixture.anomalies(AuditFixture.audit(capture,
                Limits.parse(List.of(setting))));
        assertThat(lowered).as("with " + setting).containsKey(anomaly);
        assertThat(lowered.get(anomaly)).isPositive();
    }

    private static byte[] post(String contentType, String encoding, byte[] body) {
        return request("POST /upload HTTP/1.1\r\nHost: up.example.com\r\nContent-Type: " + contentType
                + (encoding == null ? "" : "\r\nContent-Encoding: " + encoding), body);
    }

    private static byte[] oneRequest(byte[] request) {
        return new Traffic().tcp(DEVICE, 50001, SERVER, 80).send(request)
                .reply(ascii("HTTP/1.1 204 No Content\r\n\r\n")).close().pcap();
    }

    /** Random decimal digits: compress about 2.4 to 1, so no ratio bound of the defaults trips on them. */
    private static byte[] digits(int n) {
        Random r = new Random(n);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('0' + r.nextInt(10));
        }
        return b;
    }

    @Test
    void flows() throws Exception {
        Traffic t = new Traffic();
        for (int i = 0; i < 5; i++) {
            t.udp(DEVICE, 40000 + i, "192.168.31.1", 53, Traffic.dnsQuery(i, "host" + i + ".example.com"));
        }
        hitOnlyWhenLowered(t.pcap(), "flows=2", "flow_evicted");
    }

    @Test
    void tcpBufferedBytes() throws Exception {
        byte[] capture = new Traffic().tcp(DEVICE, 50001, SERVER, 9000).sendFirstPieceLast(digits(8000), 500)
                .close().pcap();
        hitOnlyWhenLowered(capture, "tcp-buffered-bytes=1k", "tcp_ooo_buffer_full");
    }

    @Test
    void tcpBufferedTotal() throws Exception {
        byte[] capture = new Traffic().tcp(DEVICE, 50001, SERVER, 9000).sendFirstPieceLast(digits(8000), 500)
                .close().pcap();
        hitOnlyWhenLowered(capture, "tcp-buffered-total=1k", "tcp_ooo_memory_full");
    }

    @Test
    void tcpBufferedSegments() throws Exception {
        byte[] capture = new Traffic().tcp(DEVICE, 50001, SERVER, 9000).sendFirstPieceLast(digits(2000), 100)
                .close().pcap();
        hitOnlyWhenLowered(capture, "tcp-buffered-segments=4", "tcp_ooo_buffer_full");
    }

    @Test
    void ipFragmentBytes() throws Exception {
        byte[] capture = new Traffic().udpFragments(DEVICE, 40000, SERVER, 9000, digits(3000), 1480).pcap();
        hitOnlyWhenLowered(capture, "ip-fragment-bytes=1k", "ip_fragment_limit");
    }

    @Test
    void httpHeadBytes() throws Exception {
        byte[] capture = oneRequest(ascii("GET / HTTP/1.1\r\nHost: a.example.com\r\nX-Pad: " + "a".repeat(2000)
                + "\r\n\r\n"));
        hitOnlyWhenLowered(capture, "http-head-bytes=1k", "http_header_too_large");
    }

    @Test
    void httpBodyBytes() throws Exception {
        byte[] capture = oneRequest(post("text/plain", null, digits(100_000)));
        hitOnlyWhenLowered(capture, "http-body-bytes=64k", "http_body_truncated");
        assertThat(AuditFixture.anomalies(AuditFixture.audit(capture, Limits.parse(List.of("http-body-bytes=64k")))))
                .containsEntry("http_body_bytes_not_scanned", 100_000L - 65_536);
    }

    @Test
    void parserHeldTotal() throws Exception {
        hitOnlyWhenLowered(oneRequest(post("text/plain", null, digits(2_000_000))), "parser-held-total=1M",
                "http_memory_full");
    }

    @Test
    void httpDecodedBytes() throws Exception {
        byte[] capture = oneRequest(post("text/plain", "gzip", CaptureBuilder.gzip(digits(200_000))));
        hitOnlyWhenLowered(capture, "http-decoded-bytes=64k", "http_decompression_bomb");
    }

    @Test
    void httpDecompressionRatio() throws Exception {
        byte[] capture = oneRequest(post("text/plain", "gzip", CaptureBuilder.gzip(digits(200_000))));
        hitOnlyWhenLowered(capture, "http-decompression-ratio=2", "http_decompression_bomb");
    }

    @Test
    void hpackTableBytes() throws Exception {
        // h2c with prior knowledge: the server lets the client's encoder use 64 KiB, and the client's first
        // header block grows its table to that (a dynamic table size update of 65536) before GET /
        byte[] preface = Http2Frames.preface();
        byte[] clientSettings = Http2Frames.frame(4, 0, 0, new byte[0]);
        byte[] serverSettings = Http2Frames.frame(4, 0, 0, new byte[] {0, 1, 0, 1, 0, 0});
        byte[] block = {0x3f, (byte) 0xe1, (byte) 0xff, 0x03, (byte) 0x82, (byte) 0x86, (byte) 0x84, 0x01, 13,
            'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm'};
        byte[] headers = Http2Frames.frame(1, 0x5, 1, block);
        byte[] capture = new Traffic().tcp(DEVICE, 50001, SERVER, 80).send(concat(preface, clientSettings))
                .reply(serverSettings).send(headers).close().pcap();
        hitOnlyWhenLowered(capture, "hpack-table-bytes=4k", "http2_header_table_limit");
    }

    @Test
    void scanDepth() throws Exception {
        String nested = "id=" + AuditFixture.CANARY;
        for (int i = 0; i < 4; i++) {
            nested = Base64.getEncoder().encodeToString(ascii(nested));
        }
        byte[] capture = oneRequest(post("text/plain", null, ascii("data:" + nested)));
        hitOnlyWhenLowered(capture, "scan-depth=1", "scan_depth_limit");
        assertThat(AuditFixture.hostsSent(AuditFixture.audit(capture, Limits.DEFAULTS), "canary"))
                .containsExactly("up.example.com");
        assertThat(AuditFixture.hostsSent(AuditFixture.audit(capture, Limits.parse(List.of("scan-depth=1"))),
                "canary")).isEmpty();
    }

    @Test
    void scanDecodedBytes() throws Exception {
        byte[] capture = oneRequest(post("text/plain", null,
                ascii("data:" + Base64.getEncoder().encodeToString(digits(4000)))));
        hitOnlyWhenLowered(capture, "scan-decoded-bytes=1k", "scan_decoded_bytes_limit");
    }

    @Test
    void scanInflateBytes() throws Exception {
        // gzip sent as an opaque body (no Content-Encoding): detection finds the gzip magic and opens it
        byte[] capture = oneRequest(post("application/octet-stream", null, CaptureBuilder.gzip(digits(200_000))));
        hitOnlyWhenLowered(capture, "scan-inflate-bytes=64k", "scan_inflate_size_limit");
    }

    @Test
    void scanInflateRatio() throws Exception {
        // the ratio is checked once a stream has given 1 MiB
        byte[] capture = oneRequest(post("application/octet-stream", null,
                CaptureBuilder.gzip(digits(1_500_000))));
        hitOnlyWhenLowered(capture, "scan-inflate-ratio=1", "scan_inflate_ratio_limit");
    }

    @Test
    void everySettableLimitHasATestHere() {
        List<String> tested = java.util.Arrays.stream(SettableLimitsTest.class.getDeclaredMethods())
                .map(java.lang.reflect.Method::getName).toList();
        for (SettableLimit l : SettableLimit.values()) {
            String camel = java.util.regex.Pattern.compile("-([a-z])").matcher(l.limitName())
                    .replaceAll(m -> m.group(1).toUpperCase(java.util.Locale.ROOT));
            assertThat(tested).as(l.limitName()).contains(camel);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
