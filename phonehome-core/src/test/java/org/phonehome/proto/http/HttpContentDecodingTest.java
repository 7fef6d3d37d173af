package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.flow.Direction.INBOUND;
import static org.phonehome.flow.Direction.OUTBOUND;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.Codecs;

/** Content-Encoding: gzip, deflate (zlib and raw), br, zstd, and the bounds on decoding. */
class HttpContentDecodingTest {

    static final String JSON = "{\"device\":{\"imei\":\"864048021234563\",\"imei2\":\"864048021234563\","
            + "\"model\":\"Redmi Note\",\"model2\":\"Redmi Note\"}}";

    /**
     * {@link #JSON} compressed with brotli (no Java encoder exists). Made with the brotli 1.0.9 command-line tool:
     * {@code printf '%s' "$JSON" | brotli -c -q 11 | od -An -tx1}.
     */
    static final byte[] JSON_BR = bytes(0x1f, 0x69, 0x00, 0x10, 0x8c, 0xd3, 0x15, 0xf3, 0x23, 0x84, 0x75, 0xcf, 0x96,
            0x47, 0xfe, 0x1c, 0xb4, 0xaf, 0x75, 0x09, 0x0f, 0x78, 0x41, 0x10, 0x50, 0xa5, 0xd3, 0xe7, 0x94, 0x5b, 0xc0,
            0xdc, 0xd6, 0xbc, 0x25, 0x14, 0x61, 0x07, 0xc0, 0x77, 0x01, 0x06, 0x4a, 0x99, 0x2c, 0x92, 0x17, 0x2c, 0x7a,
            0xaa, 0x01, 0x19, 0xae, 0x9e, 0xca, 0x43, 0xf3, 0x1b, 0x06, 0xd1, 0x9b, 0x30, 0x40, 0x5f, 0xfd, 0xe9, 0x6b,
            0x2c, 0x1b, 0xc4, 0x03);

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) {
        return Codecs.deflate(data, raw);
    }

    static byte[] zstd(byte[] data) {
        return Codecs.zstd(data);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A POST whose body is {@code body} with the given Content-Encoding header value. */
    static byte[] post(String encoding, byte[] body) {
        return concat(Wire.bytes("POST /sync HTTP/1.1\r\nHost: api.account.xiaomi.com\r\nContent-Type: application/json"
                + "\r\nContent-Encoding: " + encoding + "\r\nContent-Length: " + body.length + "\r\n\r\n"), body);
    }

    private static HttpRequest only(RecordingSink s) {
        assertThat(s.requests).hasSize(1);
        return s.requests.get(0);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void gzipBodySplitMidStreamAcrossChunks() {
        byte[] wire = post("gzip", gzip(JSON.getBytes(StandardCharsets.UTF_8)));
        int headEnd = wire.length - 40;
        RecordingSink s = new Wire().sendCut(OUTBOUND, wire, headEnd - 3, headEnd + 7, headEnd + 8, headEnd + 30)
                .end();
        HttpRequest r = only(s);
        assertThat(text(r.body().decoded())).isEqualTo(JSON);
        assertThat(r.body().layers()).containsExactly("gzip");
        assertThat(r.frames()).hasSize(5);
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void chunkedGzipResponseHasBothLayers() {
        byte[] gz = gzip("hello, gzip".getBytes(StandardCharsets.UTF_8));
        byte[] wire = concat(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(10) + "\r\n"), Arrays.copyOf(gz, 10), Wire.bytes("\r\n"
                + Integer.toHexString(gz.length - 10) + "\r\n"), Arrays.copyOfRange(gz, 10, gz.length),
                Wire.bytes("\r\n0\r\n\r\n"));
        RecordingSink s = new Wire().out("GET / HTTP/1.1\r\n\r\n").sendBytewise(INBOUND, wire).end();
        assertThat(s.responses).singleElement().satisfies(r -> {
            assertThat(text(r.body().decoded())).isEqualTo("hello, gzip");
            assertThat(r.body().layers()).containsExactly("chunked", "gzip");
        });
    }

    @Test
    void gzipWithConcatenatedMembers() {
        byte[] body = concat(gzip(Wire.bytes("first ")), gzip(Wire.bytes("second")));
        HttpRequest r = only(new Wire().send(OUTBOUND, post("gzip", body)).end());
        assertThat(text(r.body().decoded())).isEqualTo("first second");
    }

    @Test
    void deflateZlibWrapped() {
        HttpRequest r = only(new Wire().send(OUTBOUND, post("deflate", deflate(Wire.bytes(JSON), false))).end());
        assertThat(text(r.body().decoded())).isEqualTo(JSON);
        assertThat(r.body().layers()).containsExactly("deflate");
    }

    @Test
    void deflateRaw() {
        RecordingSink s = new Wire().send(OUTBOUND, post("deflate", deflate(Wire.bytes(JSON), true))).end();
        assertThat(text(only(s).body().decoded())).isEqualTo(JSON);
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void brotli() {
        RecordingSink s = new Wire().send(OUTBOUND, post("br", JSON_BR)).end();
        assertThat(text(only(s).body().decoded())).isEqualTo(JSON);
        assertThat(only(s).body().layers()).containsExactly("br");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void zstd() {
        RecordingSink s = new Wire().send(OUTBOUND, post("zstd", zstd(Wire.bytes(JSON)))).end();
        assertThat(text(only(s).body().decoded())).isEqualTo(JSON);
        assertThat(only(s).body().layers()).containsExactly("zstd");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void zstdWithAWindowAboveTheBoundIsRefused() {
        // frame header: magic, descriptor 0x00 (window descriptor follows), window descriptor 0x78: 2^(10+15) = 32 MiB
        byte[] frame = bytes(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x78, 0x01, 0x00, 0x00);
        assertThat(ZstdFrameCheck.windowsWithin(frame, HttpLimits.DEFAULT_MAX_ZSTD_WINDOW_BYTES)).isFalse();
        assertThat(ZstdFrameCheck.windowsWithin(zstd(Wire.bytes(JSON)), HttpLimits.DEFAULT_MAX_ZSTD_WINDOW_BYTES))
                .isTrue();
        RecordingSink s = new Wire().send(OUTBOUND, post("zstd", frame)).end();
        assertThat(s.anomalies).containsExactly(HttpAnomalies.DECODE_ERROR);
    }

    @Test
    void layeredCodingsAreUndoneLastFirst() {
        byte[] body = zstd(gzip(Wire.bytes(JSON))); // applied gzip, then zstd
        HttpRequest r = only(new Wire().send(OUTBOUND, post("gzip, zstd", body)).end());
        assertThat(text(r.body().decoded())).isEqualTo(JSON);
        assertThat(r.body().layers()).containsExactly("zstd", "gzip");
    }

    @Test
    void gzipBombIsBoundedAndCounted() {
        byte[] bomb = gzip(gzip(new byte[8 * 1024 * 1024])); // 8 MiB of zeros in a few hundred bytes
        RecordingSink s = new Wire().send(OUTBOUND, post("gzip, gzip", bomb)).end();
        HttpRequest r = only(s);
        assertThat(s.anomalies).containsExactly(HttpAnomalies.DECOMPRESSION_BOMB);
        assertThat(r.flags()).contains(HttpFlag.DECODE_LIMIT);
        assertThat((long) r.body().decoded().length)
                .isLessThanOrEqualTo((long) HttpLimits.DEFAULT_MAX_DECOMPRESSION_RATIO * bomb.length);
        assertThat(r.body().decoded().length).isGreaterThan(0);
    }

    @Test
    void decodedSizeBoundHolds() {
        HttpLimits small = HttpLimits.DEFAULTS.withBodyBounds(1 << 20, 1000, 1_000_000);
        RecordingSink s = new Wire(small).send(OUTBOUND, post("gzip", gzip(new byte[100_000]))).end();
        assertThat(only(s).body().decoded()).hasSize(1000);
        assertThat(s.anomalies).containsExactly(HttpAnomalies.DECOMPRESSION_BOMB);
    }

    @Test
    void invalidGzipKeepsTheRawBytes() {
        byte[] notGzip = Wire.bytes("imei=864048021234563 plainly");
        RecordingSink s = new Wire().send(OUTBOUND, post("gzip", notGzip)).end();
        HttpRequest r = only(s);
        assertThat(r.body().decoded()).isEqualTo(notGzip);
        assertThat(r.body().layers()).isEmpty();
        assertThat(r.flags()).contains(HttpFlag.DECODE_ERROR);
        assertThat(s.anomalies).containsExactly(HttpAnomalies.DECODE_ERROR);
    }

    @Test
    void truncatedGzipKeepsWhatDecoded() {
        byte[] gz = gzip(Wire.bytes(JSON.repeat(50)));
        RecordingSink s = new Wire().send(OUTBOUND, post("gzip", Arrays.copyOf(gz, gz.length - 12))).end();
        HttpRequest r = only(s);
        assertThat(text(r.body().decoded())).startsWith(JSON);
        assertThat(r.body().layers()).containsExactly("gzip");
        assertThat(s.anomalies).containsExactly(HttpAnomalies.DECODE_ERROR);
    }

    @Test
    void unknownEncodingIsLeftAsIs() {
        RecordingSink s = new Wire().send(OUTBOUND, post("compress", Wire.bytes("xyz"))).end();
        assertThat(text(only(s).body().decoded())).isEqualTo("xyz");
        assertThat(s.anomalies).containsExactly(HttpAnomalies.UNKNOWN_CONTENT_ENCODING);
    }

    @Test
    void bodyBeyondTheKeptBoundIsTruncated() {
        HttpLimits small = HttpLimits.DEFAULTS.withBodyBounds(10, 1000, 1000);
        RecordingSink s = new Wire(small).out("POST / HTTP/1.1\r\nContent-Length: 30\r\n\r\n"
                + "0123456789abcdefghij0123456789GET / HTTP/1.1\r\n\r\n").end();
        assertThat(s.requests).hasSize(2);
        assertThat(text(s.requests.get(0).body().raw())).isEqualTo("0123456789");
        assertThat(s.requests.get(0).flags()).contains(HttpFlag.BODY_TRUNCATED);
        assertThat(s.anomalies).containsExactly(HttpAnomalies.BODY_TRUNCATED);
    }
}
