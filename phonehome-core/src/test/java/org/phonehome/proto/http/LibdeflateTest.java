package org.phonehome.proto.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.phonehome.testing.Codecs;

/**
 * The libdeflate binding, and {@link ContentDecoder} giving with it exactly what it gives with {@code java.util.zip}
 * alone, on whole, damaged, truncated, concatenated and oversized streams.
 */
class LibdeflateTest {

    /** Set by {@code .ci/run}, where the shim is built and libdeflate installed: there, it must load. */
    private static final boolean REQUIRED = "1".equals(System.getenv("PHONEHOME_REQUIRE_LIBDEFLATE"));

    @Test
    void loadsWhereTheMachineHasIt() {
        assumeTrue(REQUIRED, "PHONEHOME_REQUIRE_LIBDEFLATE=1 is not set");
        assertThat(Libdeflate.status()).isEqualTo("loaded");
        assertThat(Libdeflate.available()).isTrue();
    }

    @Test
    void decompressesEachFormatAtAnOffsetAndSaysHowMuchItRead() {
        assumeLoaded();
        byte[] text = text(new Random(1), 50_000);
        byte[][] streams = {Codecs.deflate(text, true), Codecs.deflate(text, false),
            HttpContentDecodingTest.gzip(text)};
        for (Libdeflate.Format format : Libdeflate.Format.values()) {
            byte[] stream = streams[format.ordinal()];
            byte[] trailing = "trailing".getBytes(StandardCharsets.US_ASCII);
            byte[] in = HttpContentDecodingTest.concat(new byte[7], stream, trailing);
            byte[] out = new byte[text.length + 20];
            long r = Libdeflate.decompress(format, in, 7, in.length - 7, out, 5, text.length + 10);
            assertThat(r).as(format.name()).isNotNegative();
            assertThat(Libdeflate.consumed(r)).as(format.name()).isEqualTo(stream.length);
            assertThat(Libdeflate.written(r)).as(format.name()).isEqualTo(text.length);
            assertThat(Arrays.copyOfRange(out, 5, 5 + text.length)).isEqualTo(text);
            assertThat(out[4]).isZero();
            assertThat(out[5 + text.length]).isZero();
        }
    }

    @Test
    void saysWhenTheRoomIsTooSmallOrTheDataBad() {
        assumeLoaded();
        byte[] text = text(new Random(2), 10_000);
        byte[] gz = HttpContentDecodingTest.gzip(text);
        assertThat(Libdeflate.decompress(Libdeflate.Format.GZIP, gz, 0, gz.length, new byte[text.length - 1], 0,
                text.length - 1)).isEqualTo(Libdeflate.INSUFFICIENT_SPACE);
        byte[] bad = gz.clone();
        bad[bad.length - 6] ^= 1; // the CRC-32
        assertThat(Libdeflate.decompress(Libdeflate.Format.GZIP, bad, 0, bad.length, new byte[text.length], 0,
                text.length)).isEqualTo(Libdeflate.BAD_DATA);
        byte[] noise = new byte[1000];
        new Random(3).nextBytes(noise);
        assertThat(Libdeflate.decompress(Libdeflate.Format.ZLIB, noise, 0, noise.length, new byte[100_000], 0, 100_000))
                .isNegative();
    }

    @Test
    void checksRangesBeforeCallingIn() {
        assumeLoaded();
        byte[] in = new byte[10];
        byte[] out = new byte[10];
        assertThatThrownBy(() -> Libdeflate.decompress(Libdeflate.Format.GZIP, in, 5, 6, out, 0, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Libdeflate.decompress(Libdeflate.Format.GZIP, in, 0, 10, out, -1, 5))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Libdeflate.decompress(Libdeflate.Format.GZIP, in, 0, 10, out, 4, 7))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void threadsEachGetTheirOwnDecompressor() throws Exception {
        assumeLoaded();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 200; i++) {
                        byte[] text = text(random, 1 + random.nextInt(30_000));
                        byte[] gz = HttpContentDecodingTest.gzip(text);
                        byte[] out = new byte[text.length];
                        long r = Libdeflate.decompress(Libdeflate.Format.GZIP, gz, 0, gz.length, out, 0, out.length);
                        if (r < 0 || !Arrays.equals(out, text)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void contentDecoderInflatesWholeStreamsWithLibdeflate() {
        assumeLoaded();
        byte[] text = text(new Random(5), 70_000);
        byte[] gz = HttpContentDecodingTest.gzip(text);
        assertThat(ContentDecoder.wholeInflate("gzip", gz, 1 << 20)).isEqualTo(text);
        assertThat(ContentDecoder.wholeInflate("x-gzip", gz, 1 << 20)).isEqualTo(text);
        assertThat(ContentDecoder.wholeInflate("deflate", Codecs.deflate(text, false), 1 << 20)).isEqualTo(text);
        assertThat(ContentDecoder.wholeInflate("deflate", Codecs.deflate(text, true), 1 << 20)).isNull(); // no checksum
        // output past the room first guessed (4x the input), still within the cap
        byte[] flat = new byte[300_000];
        assertThat(ContentDecoder.wholeInflate("deflate", Codecs.deflate(flat, false), 1 << 20)).isEqualTo(flat);
        // where zlib's answer could differ, zlib is asked
        assertThat(ContentDecoder.wholeInflate("gzip", gz, text.length - 1)).isNull();
        assertThat(ContentDecoder.wholeInflate("deflate", Codecs.deflate(flat, false), flat.length - 1)).isNull();
        assertThat(ContentDecoder.wholeInflate("gzip", HttpContentDecodingTest.concat(gz, gz), 1 << 20)).isNull();
        assertThat(ContentDecoder.wholeInflate("gzip", Arrays.copyOf(gz, gz.length - 1), 1 << 20)).isNull();
        assertThat(ContentDecoder.wholeInflate("br", gz, 1 << 20)).isNull();
    }

    @Test
    void contentDecoderGivesWhatZlibGivesOnWholeAndDamagedStreams() {
        assumeLoaded();
        Random random = new Random(4);
        HttpLimits limits = HttpLimits.DEFAULTS.withBodyBounds(1 << 20, 200_000, 50);
        String[][] stacks = {{"gzip"}, {"x-gzip"}, {"deflate"}, {"gzip", "gzip"}, {"deflate", "gzip"}};
        int answeredByLibdeflate = 0;
        for (int i = 0; i < 1500; i++) {
            int size = random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(300_000);
            byte[] plain = random.nextInt(5) == 0 ? noise(random, size) : text(random, size);
            String[] stack = stacks[random.nextInt(stacks.length)];
            byte[] body = plain;
            for (String coding : stack) {
                body = encode(coding, body, random);
            }
            body = damage(body, random);
            List<String> codings = List.of(stack);
            List<String> zlibAnomalies = new ArrayList<>();
            List<String> libdeflateAnomalies = new ArrayList<>();
            ContentDecoder.Result zlib = ContentDecoder.decode(body, codings, limits, zlibAnomalies::add, false);
            ContentDecoder.Result fast = ContentDecoder.decode(body, codings, limits, libdeflateAnomalies::add, true);
            String what = "case " + i + " " + codings + " " + body.length + " bytes";
            assertThat(fast.decoded()).as(what).isEqualTo(zlib.decoded());
            assertThat(fast.layers()).as(what).isEqualTo(zlib.layers());
            assertThat(fast.flags()).as(what).isEqualTo(zlib.flags());
            assertThat(libdeflateAnomalies).as(what).isEqualTo(zlibAnomalies);
            long cap = Math.min(limits.maxDecodedBytes(), (long) limits.maxDecompressionRatio() * body.length);
            if (body.length > 0 && ContentDecoder.wholeInflate(stack[stack.length - 1], body, cap) != null) {
                answeredByLibdeflate++;
            }
        }
        // the comparison means something only if libdeflate answered many of them (a third, with this seed)
        assertThat(answeredByLibdeflate).isGreaterThan(300);
    }

    /** Each kind of damage that makes zlib's answer differ from a whole inflate's, or none. */
    private static byte[] damage(byte[] body, Random random) {
        switch (random.nextInt(8)) {
            case 0: // truncated: zlib keeps what it inflated
                return Arrays.copyOf(body, random.nextInt(body.length + 1));
            case 1: { // a byte flipped: bad data or a bad checksum
                byte[] b = body.clone();
                if (b.length > 0) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 2: // garbage after the stream
                return HttpContentDecodingTest.concat(body, noise(random, 1 + random.nextInt(40)));
            case 3: // a second copy: gzip reads on into a second member
                return HttpContentDecodingTest.concat(body, body);
            case 4: { // a gzip size field that lies
                byte[] b = body.clone();
                if (b.length > 4) {
                    b[b.length - 4 + random.nextInt(4)] ^= 0x40;
                }
                return b;
            }
            default:
                return body;
        }
    }

    private static byte[] encode(String coding, byte[] data, Random random) {
        return switch (coding) {
            case "gzip", "x-gzip" -> HttpContentDecodingTest.gzip(data);
            default -> Codecs.deflate(data, random.nextBoolean());
        };
    }

    /** Text that compresses as bodies do, from 2:1 to far past the ratio bound. */
    static byte[] text(Random random, int size) {
        String[] words = {"imei", "\"phone\":", "864048021234563", "{\"ok\":true}", "lorem", "ipsum", " ", ",",
            "\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
        StringBuilder sb = new StringBuilder(size + 100);
        int vocabulary = 1 + random.nextInt(words.length);
        while (sb.length() < size) {
            sb.append(random.nextInt(10) == 0 ? Integer.toString(random.nextInt()) : words[random.nextInt(vocabulary)]);
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] noise(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static void assumeLoaded() {
        assumeTrue(REQUIRED || Libdeflate.available(), "libdeflate is not loaded: " + Libdeflate.status());
    }
}
