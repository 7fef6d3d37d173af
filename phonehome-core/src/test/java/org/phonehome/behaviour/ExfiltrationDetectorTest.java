package org.phonehome.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExfiltrationDetectorTest {
    private static final int MB = 1_000_000;

    private static PayloadSample sampleOf(byte[] data, int chunk) {
        PayloadSample s = new PayloadSample();
        for (int off = 0; off < data.length; off += chunk) {
            s.add(data, off, Math.min(chunk, data.length - off));
        }
        return s;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    private static byte[] json(int n) {
        byte[] unit = "{\"event\":\"app_open\",\"ts\":1407661200,\"ok\":true},\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = unit[i % unit.length];
        }
        return b;
    }

    @Test
    void aLargeRandomUploadIsFlagged() {
        PayloadSample s = sampleOf(random(3 * MB), 1448);
        var e = ExfiltrationDetector.check(new Upload("rec.example.cn", 0, 10, 3 * MB, 20_000, s, false));
        assertThat(e).isPresent();
        assertThat(e.get().entropyBitsPerByte()).isGreaterThan(7.9);
        assertThat(e.get().basis()).isEqualTo("payload");
        assertThat(e.get().ratio()).isEqualTo(150.0);
    }

    @Test
    void textSmallDownloadsAndConversationsAreNot() {
        PayloadSample text = sampleOf(json(3 * MB), 1448);
        assertThat(text.entropyBitsPerByte()).isLessThan(6);
        assertThat(ExfiltrationDetector.check(new Upload("h", 0, 1, 3 * MB, 0, text, false))).isEmpty();

        PayloadSample rnd = sampleOf(random(3 * MB), 1448);
        assertThat(ExfiltrationDetector.check(new Upload("h", 0, 1, 900_000, 0, rnd, false))).isEmpty();
        assertThat(ExfiltrationDetector.check(new Upload("h", 0, 1, 3 * MB, 1 * MB, rnd, false))).isEmpty();
        assertThat(ExfiltrationDetector.check(new Upload("h", 0, 1, 3 * MB, 0, null, false))).isEmpty();
    }

    @Test
    void encryptedUploadsSayTheirBasis() {
        PayloadSample s = sampleOf(random(2 * MB), 16_384);
        assertThat(ExfiltrationDetector.check(new Upload("h", 0, 1, 2 * MB, 0, s, true)).orElseThrow().basis())
                .isEqualTo("ciphertext");
    }

    @Test
    void sampleIsBoundedAndSpreadOverTheUpload() {
        // a low-entropy preamble of 200 KB followed by 20 MB of random data: the sampled blocks reach the body
        byte[] preamble = json(200_000);
        byte[] body = random(20 * MB);
        PayloadSample s = new PayloadSample();
        s.add(preamble);
        for (int off = 0; off < body.length; off += 1448) {
            s.add(body, off, Math.min(1448, body.length - off));
        }
        assertThat(s.offeredBytes()).isEqualTo(preamble.length + body.length);
        assertThat(s.sampledBytes()).isEqualTo(PayloadSample.MAX_SAMPLED_BYTES);
        assertThat(s.entropyBitsPerByte()).isGreaterThan(7.5);
    }

    @Test
    void countsThePrefixThenOneBlockInSixteen() {
        int n = PayloadSample.FULL_PREFIX_BYTES + 32 * PayloadSample.BLOCK_BYTES;
        PayloadSample s = sampleOf(new byte[n], 1000);
        assertThat(s.sampledBytes()).isEqualTo(PayloadSample.FULL_PREFIX_BYTES + 2L * PayloadSample.BLOCK_BYTES);
        assertThat(s.entropyBitsPerByte()).isZero();
    }
}
