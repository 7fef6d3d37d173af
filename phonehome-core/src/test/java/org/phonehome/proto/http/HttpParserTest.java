package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.flow.Direction.INBOUND;
import static org.phonehome.flow.Direction.OUTBOUND;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing of HTTP/1.x messages: one named test per edge case, fixtures are the bytes on the wire. */
class HttpParserTest {

    /** A phone asking for its OTA update notice. */
    static final String GET = """
            GET /ota/check?device=redmi&imei=864048021234563 HTTP/1.1\r
            Host: update.miui.com\r
            User-Agent: MiuiOta/1.0\r
            Cookie: uid=42; session=abc\r
            \r
            """;

    /** A form POST with a Content-Length body. */
    static final String POST = """
            POST /report HTTP/1.1\r
            Host: tracking.intl.miui.com\r
            Content-Type: application/x-www-form-urlencoded\r
            Content-Length: 24\r
            \r
            imei=864048021234563&x=1""";

    static final String OK_HELLO = """
            HTTP/1.1 200 OK\r
            Content-Length: 5\r
            \r
            hello""";

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void simpleGet() {
        RecordingSink s = new Wire().out(GET).end();
        assertThat(s.requests).hasSize(1);
        HttpRequest r = s.requests.get(0);
        assertThat(r.direction()).isEqualTo(OUTBOUND);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.target()).isEqualTo("/ota/check?device=redmi&imei=864048021234563");
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.headers()).containsExactly(new HttpHeader("Host", "update.miui.com"),
                new HttpHeader("User-Agent", "MiuiOta/1.0"), new HttpHeader("Cookie", "uid=42; session=abc"));
        assertThat(r.body()).isEqualTo(HttpBody.EMPTY);
        assertThat(r.frames()).containsExactly(1L);
        assertThat(r.timestampNanos()).isEqualTo(1000L);
        assertThat(r.flags()).isEmpty();
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void postWithContentLength() {
        RecordingSink s = new Wire().out(POST).in(OK_HELLO).end();
        assertThat(s.requests).singleElement().satisfies(r -> {
            assertThat(text(r.body().raw())).isEqualTo("imei=864048021234563&x=1");
            assertThat(r.body().layers()).isEmpty();
        });
        assertThat(s.responses).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.reason()).isEqualTo("OK");
            assertThat(r.requestMethod()).isEqualTo("POST");
            assertThat(text(r.body().decoded())).isEqualTo("hello");
        });
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void pipeliningThreeRequestsThenThreeResponses() {
        String requests = GET + "HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n" + POST;
        String responses = OK_HELLO
                + "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" // HEAD: the length is not followed by a body
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
        RecordingSink s = new Wire().out(requests).in(responses).end();
        assertThat(s.requests).extracting(HttpRequest::method).containsExactly("GET", "HEAD", "POST");
        assertThat(s.responses).extracting(HttpResponse::requestMethod).containsExactly("GET", "HEAD", "POST");
        assertThat(s.responses).extracting(r -> text(r.body().decoded())).containsExactly("hello", "", "ok");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void chunkedWithExtensionsAndTrailers() {
        String response = """
                HTTP/1.1 200 OK\r
                Transfer-Encoding: chunked\r
                \r
                5;name=value\r
                hello\r
                7 ; other="x"\r
                , world\r
                0\r
                X-Checksum: abc\r
                \r
                """;
        RecordingSink s = new Wire().out(GET).in(response).out(GET).end();
        HttpResponse r = s.responses.get(0);
        assertThat(text(r.body().decoded())).isEqualTo("hello, world");
        assertThat(r.body().layers()).containsExactly("chunked");
        assertThat(r.headers()).contains(new HttpHeader("X-Checksum", "abc"));
        assertThat(s.requests).hasSize(2);
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void chunkSizeOf2To63IsAnAnomalyNotAnAllocation() {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n"
                + "8000000000000000\r\n" // 2^63: does not fit a long
                + "more bytes that must not be read as a body\r\n";
        RecordingSink s = new Wire().out(GET).in(response).end();
        assertThat(s.anomalies).contains(HttpAnomalies.CHUNK_SIZE_INVALID);
        assertThat(s.responses).singleElement().satisfies(r -> {
            assertThat(text(r.body().decoded())).isEqualTo("abc");
            assertThat(r.flags()).contains(HttpFlag.CHUNKING_INVALID, HttpFlag.INCOMPLETE);
        });
    }

    @Test
    void chunkSizeWithSeventeenHexDigitsIsInvalid() {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000001\r\nx\r\n0\r\n\r\n";
        RecordingSink s = new Wire().out(GET).in(response).end();
        assertThat(s.anomalies).contains(HttpAnomalies.CHUNK_SIZE_INVALID);
        assertThat(ChunkSize.parse(Wire.bytes("7fffffffffffffff"), 0, 16)).isEqualTo(Long.MAX_VALUE);
        assertThat(ChunkSize.parse(Wire.bytes("ffffffffffffffff"), 0, 16)).isEqualTo(ChunkSize.INVALID);
        assertThat(ChunkSize.parse(Wire.bytes("zz"), 0, 2)).isEqualTo(ChunkSize.INVALID);
    }

    @Test
    void closeDelimitedResponseEndsAtEndOfFlow() {
        String response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this\r\nuntil close";
        RecordingSink s = new Wire().out(GET).in(response).end();
        assertThat(s.responses).singleElement().satisfies(r -> {
            assertThat(text(r.body().decoded())).isEqualTo("all of this\r\nuntil close");
            assertThat(r.incomplete()).isFalse();
        });
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void expect100ContinueThenTheRealResponse() {
        String head = "POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
        RecordingSink s = new Wire().out(head).in("HTTP/1.1 100 Continue\r\n\r\n").out("data")
                .in("HTTP/1.1 204 No Content\r\n\r\n").end();
        assertThat(s.requests).singleElement().satisfies(r -> assertThat(text(r.body().raw())).isEqualTo("data"));
        assertThat(s.responses).extracting(HttpResponse::status).containsExactly(100, 204);
        assertThat(s.responses).extracting(HttpResponse::requestMethod).containsExactly("POST", "POST");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void headResponseWithContentLengthHasNoBody() {
        RecordingSink s = new Wire().out("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n" + GET)
                .in("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n" + OK_HELLO).end();
        assertThat(s.responses).hasSize(2);
        assertThat(s.responses.get(0).body()).isEqualTo(HttpBody.EMPTY);
        assertThat(text(s.responses.get(1).body().decoded())).isEqualTo("hello");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void responses204And304HaveNoBody() {
        RecordingSink s = new Wire().out(GET + GET + GET)
                .in("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n"
                        + "HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n" + OK_HELLO).end();
        assertThat(s.responses).extracting(HttpResponse::status).containsExactly(204, 304, 200);
        assertThat(s.responses).extracting(r -> text(r.body().decoded())).containsExactly("", "", "hello");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void connectThenTunnelBytesPassedThrough() {
        RecordingSink s = new Wire()
                .out("CONNECT api.xiaomi.com:443 HTTP/1.1\r\nHost: api.xiaomi.com:443\r\n\r\n\u0016\u0003\u0001hello")
                .in("HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0003server")
                .out("more client").end();
        assertThat(s.requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("CONNECT");
            assertThat(r.target()).isEqualTo("api.xiaomi.com:443");
        });
        assertThat(s.responses).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(s.tunnelText(OUTBOUND)).isEqualTo("\u0016\u0003\u0001hellomore client");
        assertThat(s.tunnelText(INBOUND)).isEqualTo("\u0016\u0003\u0003server");
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void refusedConnectStaysHttp() {
        RecordingSink s = new Wire().out("CONNECT a:443 HTTP/1.1\r\n\r\n" + GET)
                .in("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n" + OK_HELLO).end();
        assertThat(s.requests).extracting(HttpRequest::method).containsExactly("CONNECT", "GET");
        assertThat(s.responses).extracting(HttpResponse::status).containsExactly(407, 200);
        assertThat(s.tunnel).isEmpty();
    }

    @Test
    void leadingCrlfsAndObsFoldAreTolerated() {
        RecordingSink s = new Wire().out("\r\n\r\nGET / HTTP/1.0\r\nX-Long: first\r\n  second\r\n\r\n").end();
        assertThat(s.requests).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsExactly(new HttpHeader("X-Long", "first second")));
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void gapInTheMiddleOfAKeepAliveConnection() {
        byte[] second = Wire.bytes(POST);
        Wire w = new Wire().out(GET)
                .send(OUTBOUND, second, 0, 30).gap(OUTBOUND, second.length - 40).send(OUTBOUND, second,
                        second.length - 10, second.length) // the tail of the lost request, then a new one
                .out("GET /after-gap HTTP/1.1\r\nHost: x\r\n\r\n");
        RecordingSink s = w.end();
        assertThat(s.anomalies).contains(HttpAnomalies.GAP);
        assertThat(s.requests).extracting(HttpRequest::target)
                .containsExactly("/ota/check?device=redmi&imei=864048021234563", "/report", "/after-gap");
        assertThat(s.requests.get(1).incomplete()).isTrue();
        assertThat(s.requests.get(2).flags()).isEmpty();
    }

    @Test
    void gapInsideAKnownLengthBodyKeepsTheFraming() {
        byte[] post = Wire.bytes(POST);
        RecordingSink s = new Wire().send(OUTBOUND, post, 0, post.length - 10).gap(OUTBOUND, 4)
                .send(OUTBOUND, post, post.length - 6, post.length).out(GET).end();
        assertThat(s.requests).extracting(HttpRequest::method).containsExactly("POST", "GET");
        assertThat(s.requests.get(0).incomplete()).isTrue();
        assertThat(s.requests.get(1).flags()).isEmpty();
    }

    @Test
    void headerTooLargeIsAnAnomaly() {
        String huge = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(HttpLimits.DEFAULT_MAX_HEAD_BYTES + 10) + "\r\n"
                + "Host: x\r\n\r\n";
        RecordingSink s = new Wire().out(huge).out(GET).end();
        assertThat(s.anomalies).contains(HttpAnomalies.HEADER_TOO_LARGE);
        assertThat(s.requests).hasSize(2);
        assertThat(s.requests.get(0).flags()).contains(HttpFlag.HEADERS_TRUNCATED);
        assertThat(s.requests.get(0).headers()).containsExactly(new HttpHeader("Host", "x"));
    }

    @Test
    void tooManyHeadersKeepsTheFramingHeaders() {
        StringBuilder b = new StringBuilder("POST / HTTP/1.1\r\n");
        for (int i = 0; i < 300; i++) {
            b.append("X-").append(i).append(": v\r\n");
        }
        b.append("Content-Length: 3\r\n\r\nabc");
        RecordingSink s = new Wire().out(b.toString()).out(GET).end();
        assertThat(s.anomalies).contains(HttpAnomalies.TOO_MANY_HEADERS);
        assertThat(s.requests).hasSize(2);
        assertThat(text(s.requests.get(0).body().raw())).isEqualTo("abc");
    }

    @Test
    void garbageIsAnAnomalyNotAnException() {
        RecordingSink s = new Wire().out("\u0000\u0001garbage\r\nmore garbage\r\n\u00ff\u00fe")
                .in("\u0016\u0003\u0001\u0000").end();
        assertThat(s.requests).isEmpty();
        assertThat(s.anomalies).contains(HttpAnomalies.INVALID_START_LINE).doesNotContain(HttpAnomalies.PARSER_ERROR);
    }

    @Test
    void garbageBeforeARequestLineOnTheSameLineResyncs() {
        RecordingSink s = new Wire().out("xx\u0001GET /x HTTP/1.1\r\nHost: y\r\n\r\n").end();
        assertThat(s.requests).extracting(HttpRequest::target).containsExactly("/x");
        assertThat(s.anomalies).containsExactly(HttpAnomalies.INVALID_START_LINE);
    }

    @Test
    void longGarbageLineFedBytewiseThenARequestOnTheSameLine() {
        byte[] garbage = Wire.bytes("\u0001" + "x".repeat(300_000) + "GET /found HTTP/1.1\r\nHost: y\r\n\r\n");
        RecordingSink s = new Wire().sendBytewise(OUTBOUND, garbage).end();
        assertThat(s.requests).extracting(HttpRequest::target).containsExactly("/found");
        assertThat(s.anomalies).containsExactly(HttpAnomalies.HEADER_TOO_LARGE);
    }

    @Test
    void responseSeenFirstMakesTheOtherSideTheClient() {
        RecordingSink s = new Wire().in(OK_HELLO).out(GET).end();
        assertThat(s.responses).hasSize(1);
        assertThat(s.requests).hasSize(1);
        assertThat(s.anomalies).containsExactly(HttpAnomalies.RESPONSE_WITHOUT_REQUEST);
    }

    @Test
    void deviceAsServerIsParsedByRole() {
        RecordingSink s = new Wire().in(GET).out(OK_HELLO).end();
        assertThat(s.requests).singleElement().satisfies(r -> assertThat(r.direction()).isEqualTo(INBOUND));
        assertThat(s.responses).singleElement().satisfies(r -> assertThat(r.direction()).isEqualTo(OUTBOUND));
    }

    @Test
    void cutRequestIsFlushedAsIncomplete() {
        RecordingSink s = new Wire().out(POST.substring(0, POST.length() - 4)).end();
        assertThat(s.requests).singleElement().satisfies(r -> {
            assertThat(r.incomplete()).isTrue();
            assertThat(text(r.body().raw())).isEqualTo("imei=864048021234563");
        });
        assertThat(s.anomalies).containsExactly(HttpAnomalies.INCOMPLETE_MESSAGE);
    }

    @Test
    void framesOfAMessageSpanningChunks() {
        byte[] post = Wire.bytes(POST);
        RecordingSink s = new Wire().sendCut(OUTBOUND, post, 10, 50, 100).end();
        assertThat(s.requests.get(0).frames()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(s.requests.get(0).timestampNanos()).isEqualTo(1000L);
    }

    /** Every two-way cut, and byte-by-byte, give the same events as one chunk. */
    @Test
    void sameResultWhereverTheStreamIsCut() {
        String chunked = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                + "4;ext=1\r\nimei\r\n3\r\n=86\r\n0\r\nX-T: 1\r\n\r\n";
        byte[] out = Wire.bytes("\r\n" + GET + POST + chunked);
        byte[] in = Wire.bytes(OK_HELLO + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\n\r\nclose-delimited");
        List<String> expected = new Wire().send(OUTBOUND, out).send(INBOUND, in).end().events;
        assertThat(expected).hasSize(7);
        for (int cut = 0; cut <= out.length; cut++) {
            assertThat(new Wire().sendCut(OUTBOUND, out, cut).send(INBOUND, in).end().events)
                    .as("outbound cut at %d", cut).isEqualTo(expected);
        }
        for (int cut = 0; cut <= in.length; cut++) {
            assertThat(new Wire().send(OUTBOUND, out).sendCut(INBOUND, in, cut).end().events)
                    .as("inbound cut at %d", cut).isEqualTo(expected);
        }
        assertThat(new Wire().sendBytewise(OUTBOUND, out).sendBytewise(INBOUND, in).end().events)
                .isEqualTo(expected);
    }

    @Test
    void receivedMediaIsFramedAndCountedButNotKept() {
        String image = "HTTP/1.1 200 OK\r\nContent-Type: Image/PNG\r\nContent-Length: 10\r\n\r\n0123456789";
        String chunkedZip = "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n";
        RecordingSink s = new Wire().out(GET).out(GET).out(GET).in(image).in(chunkedZip).in(OK_HELLO).end();
        assertThat(s.responses).hasSize(3);
        assertThat(s.responses.get(0).body()).satisfies(b -> {
            assertThat(b.raw()).isEmpty();
            assertThat(b.decoded()).isEmpty();
            assertThat(b.notKept()).isEqualTo(10);
        });
        assertThat(s.responses.get(1).body()).satisfies(b -> {
            assertThat(b.raw()).isEmpty();
            assertThat(b.layers()).containsExactly("chunked");
            assertThat(b.notKept()).isEqualTo(7);
        });
        // the framing was followed: the next response is read whole, and kept
        assertThat(text(s.responses.get(2).body().decoded())).isEqualTo("hello");
        assertThat(s.responses.get(2).body().notKept()).isZero();
        assertThat(s.anomalies).isEmpty();
    }

    @Test
    void sentMediaAndReceivedTextAreKept() {
        String upload = "POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 4\r\n\r\nJPEG";
        String page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\npage";
        RecordingSink s = new Wire().out(upload).in(page).end();
        assertThat(text(s.requests.get(0).body().raw())).isEqualTo("JPEG");
        assertThat(s.requests.get(0).body().notKept()).isZero();
        assertThat(text(s.responses.get(0).body().raw())).isEqualTo("page");
    }
}
