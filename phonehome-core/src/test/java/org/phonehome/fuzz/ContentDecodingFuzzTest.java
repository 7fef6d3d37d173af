package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.http.HttpAnomalies;
import org.phonehome.proto.http.HttpLimits;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.http.HttpMessages;
import org.phonehome.proto.http.HttpParser;
import org.phonehome.proto.http.HttpRequest;
import org.phonehome.proto.http.HttpResponse;
import org.phonehome.proto.http.HttpSink;

/**
 * HTTP Content-Encoding (gzip, deflate as zlib or raw, br, zstd, and stacks of them) on any body, within small
 * bounds (256 KiB decoded, ratio 100) so the bomb checks are reached. Byte 0 picks the codings the request declares,
 * the rest is the body, sent as one POST with its Content-Length; the decoded body then goes through the body
 * interpreters as the pipeline does. Decoding must stay within the bounds, and the parser's safety net
 * ({@code http_parser_error}) must never be used. (The HTTP target reaches these decoders only when its mutations
 * keep both a Content-Encoding header and a valid compressed body; brotli and zstd it almost never reaches.)
 */
class ContentDecodingFuzzTest {
    static final String[] CODINGS = {"gzip", "deflate", "br", "zstd", "gzip, gzip", "gzip, br", "br, zstd",
        "deflate, gzip", "x-gzip", "identity, zstd", "gzip, deflate, br, zstd", "compress"};
    private static final int MAX_DECODED = 256 * 1024;
    private static final HttpLimits LIMITS = HttpLimits.DEFAULTS.withBodyBounds(1 << 20, MAX_DECODED, 100);

    @FuzzTest
    void decodesAnyBody(byte[] data) {
        String coding = CODINGS[(data.length > 0 ? data[0] & 0xff : 0) % CODINGS.length];
        byte[] body = Arrays.copyOfRange(data, Math.min(1, data.length), data.length);
        List<String> anomalies = new ArrayList<>();
        HttpParser parser = new HttpParser(new HttpSink() {
            @Override
            public void request(HttpRequest r) {
                assertThat(r.body().decoded().length).isLessThanOrEqualTo(MAX_DECODED);
                HttpMessages.of(1, r, LIMITS, anomalies::add).toString();
            }

            @Override
            public void response(HttpResponse r) {
                HttpMessages.of(1, r, LIMITS, anomalies::add).toString();
            }

            @Override
            public void anomaly(String name) {
                anomalies.add(name);
            }

            @Override
            public void tunnel(Direction direction, StreamChunk chunk) {
                // a POST is never a CONNECT
            }
        }, LIMITS, ParserMemory.forHeap());
        byte[] head = ("POST /upload HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: " + coding + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        parser.data(Direction.OUTBOUND, new StreamChunk(head, 0, head.length, 0, 1, 0));
        if (body.length > 0) {
            parser.data(Direction.OUTBOUND, new StreamChunk(body, 0, body.length, head.length, 2, 0));
        }
        parser.end();
        assertThat(anomalies).as("HTTP parser safety net used").doesNotContain(HttpAnomalies.PARSER_ERROR);
    }
}
