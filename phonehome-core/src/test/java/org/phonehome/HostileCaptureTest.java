package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.testing.AuditFixture.DEVICE;
import static org.phonehome.testing.AuditFixture.ascii;
import static org.phonehome.testing.AuditFixture.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.phonehome.report.Audit;
import org.phonehome.testing.AuditFixture;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.Traffic;

/**
 * Hostile captures through the whole audit with the default limits: each hits a bound, the report counts it under
 * a named anomaly, and the rest of the capture is still analysed (a later flow's planted IMEI is found, or a later
 * DNS answer names a destination). Every capture is built here.
 */
class HostileCaptureTest {
    private static final String RESOLVER = "192.168.31.1";

    /** A later flow that leaks the IMEI to {@code after.example.com}: what must still be found. */
    private static Traffic leakAfter(Traffic t) {
        return AuditFixture.leak(t, 50999, "after.example.com", "198.51.100.99");
    }

    private static Audit audit(byte[] capture) throws IOException {
        return AuditFixture.audit(capture, Limits.DEFAULTS);
    }

    @Test
    @Timeout(60)
    void gzipBombOfTenGigabytesInAHalfKilobyteBodyIsCutAndCounted() throws IOException {
        byte[] body = tenGibibytesOfZerosGzippedThrice();
        assertThat(body.length).isLessThan(1024);
        Traffic t = new Traffic();
        t.tcp(DEVICE, 50001, "203.0.113.7", 80).send(request("POST /upload HTTP/1.1\r\nHost: bomb.example.com\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Encoding: gzip, gzip, gzip", body))
                .reply(ascii("HTTP/1.1 204 No Content\r\n\r\n")).close();
        leakAfter(t);
        long start = System.nanoTime();
        Audit a = audit(t.pcap());
        assertThat(System.nanoTime() - start).as("bounded work").isLessThan(20_000_000_000L);
        assertThat(a.capture().anomalies()).containsKey("http_decompression_bomb");
        assertThat(AuditFixture.hostsSent(a, "imei")).containsExactly("after.example.com");
    }

    /**
     * 10 GiB of zeros as gzip, gzipped twice more: 560 bytes. Deflating zeros settles into the same 1,036 bytes per
     * MiB after the first, so the 10 MiB inner stream is written from two deflated MiB, not from 10 GiB of input.
     */
    static byte[] tenGibibytesOfZerosGzippedThrice() throws IOException {
        int mib = 1 << 20;
        int count = 10 * 1024;
        byte[] zeros = new byte[mib];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] first = syncFlushed(deflater, zeros);
        byte[] steady = syncFlushed(deflater, zeros);
        deflater.end();
        CRC32 crc = new CRC32();
        for (int i = 0; i < count; i++) {
            crc.update(zeros);
        }
        long size = (long) mib * count;
        ByteArrayOutputStream middle = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(middle, 1 << 16)) {
            gz.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}); // gzip header, no name
            gz.write(first);
            for (int i = 1; i < count; i++) {
                gz.write(steady);
            }
            gz.write(new byte[] {3, 0}); // an empty final block (fixed Huffman, end of block)
            gz.write(le32(crc.getValue(), size));
        }
        return CaptureBuilder.gzip(CaptureBuilder.gzip(middle.toByteArray()));
    }

    private static byte[] syncFlushed(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Each value as 4 bytes, little-endian (the byte order of the pcapng sections the builders write). */
    private static byte[] le32(long... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    @Test
    void dnsCompressionPointerLoopIsCountedAndLaterAnswersStillNameDestinations() throws IOException {
        byte[] loop = Traffic.dnsAnswer(7, "loop.example.com", null, "198.51.100.7");
        // the answer's owner name (after the 12-byte header and the question) points at itself
        int answer = 12 + "loop.example.com".length() + 2 + 4;
        loop[answer] = (byte) (0xc0 | (answer >>> 8));
        loop[answer + 1] = (byte) answer;
        Traffic t = new Traffic();
        t.udp(DEVICE, 40000, RESOLVER, 53, Traffic.dnsQuery(7, "loop.example.com"));
        t.udp(RESOLVER, 53, DEVICE, 40000, loop);
        t.udp(DEVICE, 40001, RESOLVER, 53, Traffic.dnsQuery(8, "later.example.com"));
        t.udp(RESOLVER, 53, DEVICE, 40001, Traffic.dnsAnswer(8, "later.example.com", null, "198.51.100.8"));
        t.tcp(DEVICE, 50001, "198.51.100.8", 9000).send(ascii("hello")).close();
        Audit a = audit(t.pcap());
        assertThat(a.capture().anomalies()).containsEntry("dns_name_pointer_loop", 1L);
        assertThat(a.destinations()).anySatisfy(d -> {
            assertThat(d.host()).isEqualTo("later.example.com");
            assertThat(d.ips()).containsExactly("198.51.100.8");
        });
    }

    @Test
    void tcpSequenceJumpOfTwoToTheThirtyFirstIsCountedWithoutBuffering() throws IOException {
        Traffic t = new Traffic();
        Traffic.Session s = t.tcp(DEVICE, 50001, "203.0.113.7", 9000).send(ascii("first part of the stream\n"));
        s.jump(1L << 31).send(new byte[1400]).send(new byte[1400]).close();
        leakAfter(t);
        Audit a = audit(t.pcap());
        assertThat(a.capture().anomalies()).containsKey("tcp_seq_jump");
        assertThat(AuditFixture.hostsSent(a, "imei")).containsExactly("after.example.com");
        assertThat(a.capture().packets()).isEqualTo(a.capture().decoded().values().stream()
                .mapToLong(Long::longValue).sum());
    }

    @Test
    void pcapngBlockClaimingFourGigabytesEndsTheReportAtItsOffset() throws IOException {
        Traffic t = new Traffic();
        AuditFixture.leak(t, 50001, "before.example.com", "198.51.100.1");
        int frames = 8; // handshake (3), request, reply, FIN, FIN, last ACK
        int damageAt = t.pcapng().bytes().length;
        // an Enhanced Packet Block announcing 0xfffffffc bytes (and a captured length to match), then the file ends
        byte[] capture = t.pcapng().raw(le32(6, 0xfffffffcL, 0, 0, 0, 0xffffffe0L, 0xffffffe0L)).raw(new byte[64])
                .bytes();
        Audit a = audit(capture);
        assertThat(a.capture().incomplete()).isNotNull();
        assertThat(a.capture().incomplete().offset()).isEqualTo(damageAt);
        assertThat(a.capture().anomalies()).containsKey("capture_damaged");
        assertThat(a.capture().packets()).isEqualTo(frames);
        assertThat(AuditFixture.hostsSent(a, "imei")).containsExactly("before.example.com");
    }

    /**
     * A canary wrapped in 100 containers (alternately gzip and base64, base64 outermost: 100 levels of base64 alone
     * would be 15 x (4/3)^100, about 5 x 10^13 bytes), with the IMEI beside the chain 4 levels in: the IMEI is found,
     * the canary is past the depth bound (8), which is counted.
     */
    @Test
    void valueNestedInAHundredLevelsIsFoundUpToTheDepthBound() throws IOException {
        byte[] level = ascii("deep=" + AuditFixture.CANARY);
        for (int i = 1; i <= 100; i++) {
            if (i == 96) {
                level = ascii("imei=" + AuditFixture.IMEI + "&next=" + new String(level,
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            level = i % 2 == 1 ? CaptureBuilder.gzip(level) : ascii(Base64.getEncoder().encodeToString(level));
        }
        Traffic t = new Traffic();
        t.tcp(DEVICE, 50001, "203.0.113.7", 80).send(request("POST /nest HTTP/1.1\r\nHost: nest.example.com\r\n"
                + "Content-Type: text/plain", ascii("blob:" + new String(level,
                java.nio.charset.StandardCharsets.ISO_8859_1)))).close();
        leakAfter(t);
        Audit a = audit(t.pcap());
        assertThat(a.capture().anomalies()).containsKey("scan_depth_limit");
        assertThat(AuditFixture.hostsSent(a, "imei")).containsExactlyInAnyOrder("nest.example.com",
                "after.example.com");
        assertThat(a.findings()).filteredOn(f -> f.host().equals("nest.example.com")).allSatisfy(f ->
                assertThat(f.layers()).startsWith("base64", "gzip", "base64", "gzip"));
        assertThat(AuditFixture.hostsSent(a, "canary")).isEmpty();
    }
}
