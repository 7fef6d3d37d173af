package org.phonehome.proto.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.Message;
import org.phonehome.proto.MessagePart;
import org.phonehome.proto.ParserMemory;
import org.phonehome.testing.Http2Frames;

class Http2ParserTest {
    private static final Direction C = Direction.OUTBOUND;
    private static final Direction S = Direction.INBOUND;

    /** Collects what the parser emits. */
    static final class Collect implements Http2Sink {
        final List<Http2Request> requests = new ArrayList<>();
        final List<Http2Response> responses = new ArrayList<>();
        final List<String> anomalies = new ArrayList<>();
        long bodyBytesNotScanned;

        @Override
        public void bodyBytesNotScanned(long bytes) {
            bodyBytesNotScanned += bytes;
        }

        @Override
        public void request(Http2Request r) {
            requests.add(r);
        }

        @Override
        public void response(Http2Response r) {
            responses.add(r);
        }

        @Override
        public void anomaly(String name) {
            anomalies.add(name);
        }
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return Http2Frames.frame(type, flags, stream, payload);
    }

    /** A header block of literals without indexing, new names, raw strings (short ones only). */
    static byte[] block(String... nameValues) {
        return Http2Frames.block(nameValues);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static void feed(Http2Parser p, Direction d, byte[] b, int piece) {
        for (int off = 0; off < b.length; off += piece) {
            p.data(d, new StreamChunk(b, off, Math.min(piece, b.length - off), off, off / piece + 1, 1000));
        }
    }

    private static byte[] clientBytes() {
        byte[] reqBlock = block(":method", "POST", ":scheme", "https", ":path", "/up?imei=864048021234563&x=1",
                ":authority", "api.example.com", "cookie", "a=1", "cookie", "sid=abc; b=2",
                "content-type", "application/x-www-form-urlencoded");
        byte[] first = java.util.Arrays.copyOfRange(reqBlock, 0, 20);
        byte[] rest = java.util.Arrays.copyOfRange(reqBlock, 20, reqBlock.length);
        byte[] padded = cat(new byte[] {3}, "phone=%2B8613800138000".getBytes(StandardCharsets.US_ASCII),
                new byte[3]);
        return cat(Http2Parser.PREFACE,
                frame(4, 0, 0, HexFormat.of().parseHex("000100001000" + "000500004000")), // table 4096, frame 16384
                frame(1, 0x20, 1, cat(HexFormat.of().parseHex("000000000f"), first)),    // HEADERS + PRIORITY
                frame(9, 0x4, 1, rest),                                                // CONTINUATION, END_HEADERS
                frame(0, 0x8 | 0x1, 1, padded));                                       // DATA padded, END_STREAM
    }

    private static byte[] serverBytes() {
        return cat(frame(4, 0, 0, new byte[0]), frame(4, 1, 0, new byte[0]),
                frame(1, 0x4, 1, block(":status", "103", "link", "</s.css>")),
                frame(1, 0x4, 1, block(":status", "200", "set-cookie", "tok=xyz; Path=/")),
                frame(0, 0, 1, "{\"ok\":".getBytes(StandardCharsets.US_ASCII)),
                frame(0, 1, 1, "true}".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void requestAndResponseOfOneStream() {
        for (int piece : new int[] {1, 5, 100_000}) {
            Collect c = new Collect();
            Http2Parser p = new Http2Parser(c);
            feed(p, C, clientBytes(), piece);
            feed(p, S, serverBytes(), piece);
            p.end();
            assertThat(c.anomalies).as("piece %d", piece).isEmpty();
            assertThat(c.requests).hasSize(1);
            Http2Request r = c.requests.get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.authority()).isEqualTo("api.example.com");
            assertThat(r.path()).isEqualTo("/up?imei=864048021234563&x=1");
            assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("phone=%2B8613800138000");
            assertThat(r.complete()).isTrue();
            assertThat(c.responses).hasSize(1);
            Http2Response s = c.responses.get(0);
            assertThat(s.status()).isEqualTo(200); // the 103 was interim
            assertThat(new String(s.body(), StandardCharsets.US_ASCII)).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void receivedMediaIsCountedButNotKept() {
        byte[] client = cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[0]),
                frame(1, 0x4 | 0x1, 1, block(":method", "GET", ":scheme", "https", ":path", "/a.png",
                        ":authority", "img.example.com")),
                frame(1, 0x4 | 0x1, 3, block(":method", "GET", ":scheme", "https", ":path", "/a.json",
                        ":authority", "img.example.com")));
        byte[] server = cat(frame(4, 0, 0, new byte[0]),
                frame(1, 0x4, 1, block(":status", "200", "content-type", "image/png")),
                frame(0, 0, 1, new byte[1000]),
                frame(0, 0x8 | 0x1, 1, cat(new byte[] {2}, new byte[300], new byte[2])), // padded: 300 counted
                frame(1, 0x4, 3, block(":status", "200", "content-type", "application/json")),
                frame(0, 1, 3, "{\"ok\":1}".getBytes(StandardCharsets.US_ASCII)));
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, client, 1000);
        feed(p, S, server, 7);
        p.end();
        assertThat(c.responses).hasSize(2);
        assertThat(c.responses.get(0).body()).isEmpty();
        assertThat(c.responses.get(0).bodyNotKept()).isEqualTo(1300);
        assertThat(c.responses.get(0).complete()).isTrue();
        assertThat(new String(c.responses.get(1).body(), StandardCharsets.US_ASCII)).isEqualTo("{\"ok\":1}");
        assertThat(c.responses.get(1).bodyNotKept()).isZero();
        assertThat(c.anomalies).isEmpty();
    }

    @Test
    void messagesHaveHttpStyleParts() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, clientBytes(), 1000);
        feed(p, S, serverBytes(), 1000);
        Message m = Http2Messages.of(7, c.requests.get(0)).full();
        assertThat(m.protocol()).isEqualTo("http2");
        assertThat(m.direction()).isEqualTo(C);
        List<String> parts = m.parts().stream().map(Http2ParserTest::describe).toList();
        assertThat(parts).contains("url /up?imei=864048021234563&x=1", "query imei=864048021234563", "query x=1",
                "header :authority=api.example.com", "cookie a=1", "cookie sid=abc", "cookie b=2",
                "form phone=+8613800138000", "body phone=%2B8613800138000");
        Message resp = Http2Messages.of(7, c.responses.get(0)).full();
        assertThat(resp.parts().stream().map(Http2ParserTest::describe).toList())
                .contains("cookie tok=xyz", "json ok=true");
    }

    private static String describe(MessagePart part) {
        String v = new String(part.value(), StandardCharsets.ISO_8859_1);
        return part.kind() + " " + (part.name() == null ? v : part.name() + "=" + v);
    }

    @Test
    void frameClaiming16MegabytesIsRefused() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        byte[] huge = HexFormat.of().parseHex("ffffff000000000001");
        feed(p, C, cat(Http2Parser.PREFACE, huge, new byte[100]), 1000);
        p.end();
        assertThat(c.anomalies).containsExactly(Http2Anomalies.FRAME_TOO_LARGE);
    }

    @Test
    void advertisedMaxFrameSizeIsHonoured() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, S, frame(4, 0, 0, HexFormat.of().parseHex("000500010000")), 1000); // server accepts 65536
        byte[] big = new byte[40_000];
        feed(p, C, cat(Http2Parser.PREFACE, frame(1, 4, 1, block(":method", "PUT", ":path", "/")),
                frame(0, 1, 1, big)), 100_000);
        assertThat(c.anomalies).isEmpty();
        assertThat(c.requests.get(0).body()).hasSize(40_000);
    }

    @Test
    void missingPrefaceStopsTheClientSide() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 1000);
        assertThat(c.anomalies).containsExactly(Http2Anomalies.PREFACE_MISSING);
    }

    @Test
    void hpackErrorStopsThatDirection() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, cat(Http2Parser.PREFACE, frame(1, 5, 1, new byte[] {(byte) 0xbe})), 1000);
        assertThat(c.anomalies).containsExactly(Http2Anomalies.HPACK_ERROR);
        assertThat(c.requests).isEmpty();
    }

    @Test
    void interruptedHeaderBlockIsAContinuationError() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, cat(Http2Parser.PREFACE, frame(1, 0, 1, block(":method", "GET")), frame(0, 1, 1, new byte[1])),
                1000);
        assertThat(c.anomalies).containsExactly(Http2Anomalies.CONTINUATION_ERROR);
    }

    @Test
    void badPaddingIsMalformed() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, cat(Http2Parser.PREFACE, frame(1, 4, 1, block(":method", "GET")),
                frame(0, 0x9, 1, new byte[] {9, 1, 2})), 1000);
        assertThat(c.anomalies).containsExactly(Http2Anomalies.FRAME_MALFORMED);
    }

    @Test
    void resetAndEndEmitIncompleteMessages() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, cat(Http2Parser.PREFACE, frame(1, 4, 1, block(":method", "GET", ":path", "/a")),
                frame(1, 4, 3, block(":method", "GET", ":path", "/b"))), 1000);
        feed(p, S, frame(3, 0, 1, new byte[4]), 1000);
        p.end();
        assertThat(c.requests).extracting(Http2Request::path).containsExactly("/a", "/b");
        assertThat(c.requests).allMatch(r -> !r.complete());
    }

    @Test
    void pushPromiseBecomesAPushedRequest() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, cat(Http2Parser.PREFACE, frame(1, 5, 1, block(":method", "GET", ":path", "/"))), 1000);
        feed(p, S, cat(frame(5, 4, 1, cat(new byte[] {0, 0, 0, 2}, block(":method", "GET", ":path", "/p.js"))),
                frame(1, 5, 2, block(":status", "200"))), 1000);
        assertThat(c.requests).extracting(Http2Request::path).containsExactly("/", "/p.js");
        assertThat(c.requests.get(1).pushed()).isTrue();
        assertThat(c.requests.get(1).direction()).isEqualTo(S);
        assertThat(c.responses).extracting(Http2Response::streamId).containsExactly(2);
    }

    @Test
    void gapStopsThatDirection() {
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        p.gap(C, 0, 10);
        feed(p, C, clientBytes(), 1000);
        assertThat(c.anomalies).containsExactly(Http2Anomalies.GAP);
        assertThat(c.requests).isEmpty();
    }

    @Test
    void seededRandomInputNeverThrows() {
        Random r = new Random(42);
        byte[] valid = clientBytes();
        for (int i = 0; i < 3_000; i++) {
            Http2Parser p = new Http2Parser(new Collect());
            byte[] b = valid.clone();
            int flips = 1 + r.nextInt(8);
            for (int k = 0; k < flips; k++) {
                b[Http2Parser.PREFACE.length + r.nextInt(b.length - Http2Parser.PREFACE.length)] = (byte) r.nextInt();
            }
            feed(p, C, b, 1 + r.nextInt(50));
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            feed(p, S, junk, 1 + r.nextInt(50));
            p.end();
            assertThat(p.anomalies().get(Http2Anomalies.PARSER_ERROR)).isZero();
        }
    }

    @Test
    void uploadSentAfterTheServerResetTheStreamIsStillReported() {
        // client: preface, SETTINGS, HEADERS for a POST without END_STREAM
        byte[] head = cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[0]),
                frame(1, 0x4, 1, block(":method", "POST", ":scheme", "https", ":path", "/up",
                        ":authority", "api.example.com", "content-type", "application/x-www-form-urlencoded")));
        // server: SETTINGS, a 403 with END_STREAM, then RST_STREAM (NO_ERROR) before reading the body
        byte[] server = cat(frame(4, 0, 0, new byte[0]), frame(1, 0x4 | 0x1, 1, block(":status", "403")),
                frame(3, 0, 1, new byte[] {0, 0, 0, 0}));
        // client: the body anyway, ending the stream
        byte[] late = frame(0, 0x1, 1, "imei=864048021234566".getBytes(StandardCharsets.US_ASCII));
        Collect c = new Collect();
        Http2Parser p = new Http2Parser(c);
        feed(p, C, head, 100_000);
        feed(p, S, server, 100_000);
        p.data(C, new StreamChunk(late, 0, late.length, head.length, 9, 2000));
        p.end();
        assertThat(c.requests).hasSize(2);
        assertThat(c.requests.get(0).body()).isEmpty();
        Http2Request second = c.requests.get(1);
        assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("imei=864048021234566");
        assertThat(second.path()).isNull();
        assertThat(Http2Messages.of(1, second).parts()).anySatisfy(part -> {
            assertThat(part.kind()).isEqualTo("form");
            assertThat(part.name()).isEqualTo("imei");
        });
        assertThat(c.anomalies).contains(Http2Anomalies.DATA_AFTER_RESET);
    }

    /** A parser with the default bounds whose messages take their room from {@code memory}. */
    private static Http2Parser bounded(Collect c, ParserMemory memory) {
        return new Http2Parser(c, Http2Limits.MAX_HEADER_TABLE_SIZE, Http2Limits.MAX_BODY_BYTES, memory);
    }

    private static byte[] postHeaders(int stream) {
        return frame(1, 0x4, stream, block(":method", "POST", ":scheme", "https", ":path", "/up",
                ":authority", "up.example.com"));
    }

    @Test
    void aBodyPastTheSharedBoundIsCutCountedAndItsRoomGivenBack() {
        long bound = 40_000;
        ParserMemory memory = new ParserMemory(bound);
        Collect c = new Collect();
        Http2Parser p = bounded(c, memory);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        client.writeBytes(cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[0]), postHeaders(1)));
        for (int i = 0; i < 10; i++) {
            client.writeBytes(frame(0, i == 9 ? 1 : 0, 1, new byte[10_000]));
        }
        feed(p, C, client.toByteArray(), 1400);
        assertThat(c.requests).singleElement().satisfies(r -> {
            assertThat(r.body().length).isBetween(20_000, 40_000);
            assertThat(r.bodyTruncated()).isTrue();
        });
        assertThat(c.anomalies).containsExactly(Http2Anomalies.MEMORY_FULL);
        assertThat(c.bodyBytesNotScanned + c.requests.get(0).body().length).isEqualTo(100_000);
        assertThat(memory.left()).isEqualTo(bound);
        p.end();
        assertThat(memory.left()).isEqualTo(bound);
    }

    @Test
    void unfinishedBodiesGiveTheirRoomBackWhenResetEvictedDroppedOrEnded() {
        long bound = 1 << 20;
        ParserMemory memory = new ParserMemory(bound);
        Collect c = new Collect();
        Http2Parser p = bounded(c, memory);
        feed(p, C, cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[0])), 1000);
        feed(p, S, frame(4, 0, 0, new byte[0]), 1000);
        int streams = 20;
        for (int i = 0; i < streams; i++) {
            int id = 1 + 2 * i;
            feed(p, C, cat(postHeaders(id), frame(0, 0, id, new byte[1000])), 100_000);
            feed(p, S, frame(3, 0, id, new byte[4]), 1000);
            feed(p, C, frame(0, 0, id, new byte[1000]), 1000); // sent after the reset: a request of its own
        }
        // the reset streams' requests were reported; only the last 16 late bodies are followed, 1,000 bytes each,
        // with the headers they carry over (:method POST and :authority up.example.com, 99 bytes in HPACK sizes)
        assertThat(c.requests).hasSize(streams);
        assertThat(memory.left()).isEqualTo(bound - 16 * (1000 + 99));
        p.end();
        assertThat(c.requests).hasSize(streams + 16);
        assertThat(memory.left()).isEqualTo(bound);

        Http2Parser dropped = bounded(c, memory);
        feed(dropped, C, cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[0]), postHeaders(1),
                frame(0, 0, 1, new byte[5000])), 1000);
        assertThat(memory.left()).isLessThan(bound);
        dropped.drop();
        assertThat(memory.left()).isEqualTo(bound);
    }

    /** A client that opens stream 1 and sends 20 more header blocks of about 16 KB (HPACK size) on it. */
    private static byte[] repeatedHeaderBlocks() {
        String[] fields = new String[200];
        for (int i = 0; i < 100; i++) {
            fields[2 * i] = "x-filler-" + i;
            fields[2 * i + 1] = "v".repeat(120);
        }
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        client.writeBytes(cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[0]), postHeaders(1)));
        for (int i = 0; i < 20; i++) {
            client.writeBytes(frame(1, 0x4, 1, block(fields)));
        }
        return client.toByteArray();
    }

    @Test
    void repeatedHeaderBlocksOnAnOpenStreamStopAtTheListSizeAndTheSharedBound() {
        long bound = 1 << 20;
        ParserMemory memory = new ParserMemory(bound);
        Collect c = new Collect();
        Http2Parser p = bounded(c, memory);
        feed(p, C, repeatedHeaderBlocks(), 1_400);
        assertThat(c.anomalies).contains(Http2Anomalies.HEADER_LIST_TOO_LARGE)
                .doesNotContain(Http2Anomalies.MEMORY_FULL);
        assertThat(bound - memory.left()).isBetween(200_000L, (long) Http2Limits.MAX_HEADER_LIST_SIZE);
        p.end();
        assertThat(c.requests).singleElement().satisfies(r -> assertThat(r.headers().size()).isBetween(1_000, 2_000));
        assertThat(memory.left()).isEqualTo(bound);

        ParserMemory small = new ParserMemory(64 * 1024);
        Collect refused = new Collect();
        Http2Parser q = bounded(refused, small);
        feed(q, C, repeatedHeaderBlocks(), 1_400);
        assertThat(refused.anomalies).contains(Http2Anomalies.MEMORY_FULL);
        q.end();
        assertThat(small.left()).isEqualTo(64 * 1024);
    }
}
