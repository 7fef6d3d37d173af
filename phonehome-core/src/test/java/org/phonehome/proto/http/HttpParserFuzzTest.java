package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

/**
 * Seeded random streams and mutated valid messages, cut into random chunks with random gaps: no exception may
 * escape, and everything kept stays within the limits.
 */
class HttpParserFuzzTest {

    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final int STREAMS = 10_000;
    /** Small enough that the shared bound refuses headers and bodies of some streams. */
    private static final long MEMORY = 2048;

    /** Small limits so the bounds are exercised, not just the happy paths. */
    private static final HttpLimits LIMITS = new HttpLimits(512, 16, 4, 256, 4096, 50, 2, 64 * 1024, 64, 128, 8,
            64, 64, 8, 2);

    private static final List<byte[]> SEEDS = List.of(
            Wire.bytes(HttpParserTest.GET), Wire.bytes(HttpParserTest.POST), Wire.bytes(HttpParserTest.OK_HELLO),
            Wire.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX: y\r\n  fold\r\n\r\n5;e=1\r\nhello\r\n"
                    + "0\r\nT: 1\r\n\r\n"),
            Wire.bytes("CONNECT h:443 HTTP/1.1\r\n\r\n\u0016\u0003\u0001"),
            Wire.bytes("HTTP/1.1 200 OK\r\n\r\n"),
            Wire.bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching\r\n\r\n"),
            HttpContentDecodingTest.post("gzip", HttpContentDecodingTest.gzip(Wire.bytes("{\"a\":[1,{\"b\":2}]}"))),
            HttpContentDecodingTest.post("br", HttpContentDecodingTest.JSON_BR),
            HttpContentDecodingTest.post("zstd, deflate",
                    HttpContentDecodingTest.zstd(HttpContentDecodingTest.deflate(Wire.bytes("x=1&y=2"), true))));

    @Test
    void randomAndMutatedStreamsNeverThrowWithSmallLimits() {
        assertThat(run(LIMITS, STREAMS)).isGreaterThan(STREAMS / 2);
    }

    @Test
    void randomAndMutatedStreamsNeverThrowWithDefaultLimits() {
        assertThat(run(HttpLimits.DEFAULTS, STREAMS / 5)).isGreaterThan(STREAMS / 10);
    }

    /** Runs {@code streams} seeded streams; returns how many messages they produced (so the fuzzing reaches them). */
    private static int run(HttpLimits limits, int streams) {
        Random random = new Random(SEED);
        int emitted = 0;
        for (int i = 0; i < streams; i++) {
            BoundedSink sink = new BoundedSink(limits);
            ParserMemory memory = new ParserMemory(MEMORY);
            HttpParser parser = new HttpParser(sink, limits, memory);
            long[] offsets = new long[2];
            int messages = 1 + random.nextInt(4);
            for (int m = 0; m < messages; m++) {
                Direction d = random.nextInt(3) == 0 ? Direction.INBOUND : Direction.OUTBOUND;
                byte[] stream = i % 4 == 0 ? randomBytes(random) : mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
                feed(random, parser, d, stream, offsets);
            }
            parser.end();
            assertThat(sink.anomalies).as("stream %d", i).doesNotContain(HttpAnomalies.PARSER_ERROR);
            assertThat(memory.left()).as("stream %d gave its room back", i).isEqualTo(MEMORY);
            emitted += sink.messages;
        }
        return emitted;
    }

    private static void feed(Random random, HttpParser parser, Direction d, byte[] stream, long[] offsets) {
        int pos = 0;
        while (pos < stream.length) {
            int n = 1 + random.nextInt(Math.min(stream.length - pos, 1 + random.nextInt(64)));
            if (random.nextInt(40) == 0) {
                parser.gap(d, offsets[d.ordinal()], n);
            } else {
                parser.data(d, new StreamChunk(stream, pos, n, offsets[d.ordinal()], pos, 0));
            }
            offsets[d.ordinal()] += n;
            pos += n;
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(300)];
        String alphabet = "GET HTTP/1.1\r\n:0123456789abcdef;=-chunked\u0000\u00ff";
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextBoolean() ? (byte) random.nextInt(256)
                    : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return b;
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] b = Arrays.copyOf(seed, seed.length + random.nextInt(16));
        int edits = random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = (byte) "\r\n: ;0F-".charAt(random.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, at); // truncate
                default -> {
                    byte[] copy = Arrays.copyOf(b, b.length + 8); // duplicate a run
                    System.arraycopy(b, at, copy, at + 8, b.length - at);
                    b = copy;
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    /** Checks every emitted message against the limits as it arrives. */
    private static final class BoundedSink implements HttpSink {
        final List<String> anomalies = new java.util.ArrayList<>();
        final HttpLimits limits;
        int messages;

        BoundedSink(HttpLimits limits) {
            this.limits = limits;
        }

        @Override
        public void request(HttpRequest r) {
            check(r.headers(), r.body(), r.frames());
            HttpMessages.of(1, r, limits, anomalies::add);
            messages++;
        }

        @Override
        public void response(HttpResponse r) {
            check(r.headers(), r.body(), r.frames());
            HttpMessages.of(1, r, limits, anomalies::add);
            messages++;
        }

        private void check(List<HttpHeader> headers, HttpBody body, List<Long> frames) {
            assertThat(headers.size()).isLessThanOrEqualTo(limits.maxHeaders() + 8);
            assertThat(body.raw().length).isLessThanOrEqualTo(limits.maxBodyBytes());
            assertThat(body.decoded().length).isLessThanOrEqualTo(Math.max(body.raw().length,
                    limits.maxDecodedBytes()));
            assertThat(frames.size()).isLessThanOrEqualTo(org.phonehome.proto.Message.MAX_FRAMES_LISTED);
        }

        @Override
        public void anomaly(String name) {
            anomalies.add(name);
        }

        @Override
        public void tunnel(Direction direction, StreamChunk chunk) {
            assertThat(chunk.length()).isPositive();
        }
    }
}
