package org.phonehome.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.detect.scan.Variants.ascii;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;

class CompressedStreamsTest {

    @Test
    void aFalseZlibHeaderWithAReservedBlockTypeIsCountedWithoutInflating() {
        byte[] b = {'a', 0x78, (byte) 0x9c, 0x07, 0x11, 0x22, 0x33}; // 0x07: final block of type 3
        assertThat(CompressedStreams.nextHeader(b, 0)).isEqualTo(1);
        assertThat(CompressedStreams.badFirstBlock(b, 3)).isTrue();
        CompressedStreams streams = new CompressedStreams();
        Counters anomalies = new Counters();
        assertThat(streams.inflate(b, 1, ScanLimits.DEFAULT, new DecodeBudget(1 << 20, anomalies))).isNull();
        assertThat(anomalies.snapshot()).isEqualTo(java.util.Map.of(ScanAnomalies.INFLATE_ERROR, 1L));
        assertThat(streams.inflaters()).as("no inflater made").isZero();
        Counters old = new Counters();
        assertThat(Reference.inflate(b, 1, ScanLimits.DEFAULT, new DecodeBudget(1 << 20, old))).isNull();
        assertThat(old.snapshot()).isEqualTo(anomalies.snapshot());
    }

    @Test
    void aStoredBlockWithBadLengthsIsCountedWithoutInflating() {
        byte[] b = {0x78, 0x01, 0x00, 0x05, 0x00, 0x05, 0x00, 'h', 'e', 'l', 'l', 'o'}; // NLEN is not ~LEN
        assertThat(CompressedStreams.badFirstBlock(b, 2)).isTrue();
        byte[] ok = {0x78, 0x01, 0x01, 0x05, 0x00, (byte) 0xfa, (byte) 0xff, 'h', 'e', 'l', 'l', 'o'};
        assertThat(CompressedStreams.badFirstBlock(ok, 2)).isFalse();
        CompressedStreams streams = new CompressedStreams();
        DecodedRun d = streams.inflate(ok, 0, ScanLimits.DEFAULT, new DecodeBudget(1 << 20, new Counters()));
        assertThat(new String(d.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("hello");
    }

    /**
     * Headers planted in random bytes, real streams whole, cut and damaged: the reused inflaters and the
     * refusal of bad first blocks give the same output, end and anomaly counts as a fresh inflater each time;
     * only a stream damaged past its first 4 KiB keeps more (what the former first 64 KiB step threw away).
     */
    @Test
    void sameResultsAsAFreshInflaterPerStream() {
        Random rnd = new Random(5);
        CompressedStreams streams = new CompressedStreams();
        int refused = 0;
        int inflatedAtAll = 0;
        int keptMore = 0;
        try {
            for (int k = 0; k < 4000; k++) {
                byte[] b = new byte[rnd.nextInt(3000) + 16];
                rnd.nextBytes(b);
                if (k % 4 == 0) { // a real stream, maybe cut or with a byte flipped
                    byte[] text = ascii(("imei=864048021234563&k=" + k + ";").repeat(1 + rnd.nextInt(400)));
                    byte[] z = k % 8 == 0 ? ContainerScannerTest.gzip(text) : ContainerScannerTest.zlib(text);
                    if (rnd.nextBoolean()) {
                        z = Arrays.copyOf(z, 2 + rnd.nextInt(z.length));
                    }
                    if (rnd.nextBoolean()) {
                        z[Math.min(z.length - 1, 10 + rnd.nextInt(z.length))] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    b = Arrays.copyOf(b, b.length + z.length);
                    System.arraycopy(z, 0, b, b.length - z.length - rnd.nextInt(b.length - z.length), z.length);
                } else {
                    for (int p = rnd.nextInt(b.length - 12); p + 12 < b.length; p += 1 + rnd.nextInt(400)) {
                        if (rnd.nextBoolean()) {
                            b[p] = 0x78;
                            b[p + 1] = (byte) new int[] {0x01, 0x5e, 0x9c, 0xda}[rnd.nextInt(4)];
                        } else {
                            b[p] = 0x1f;
                            b[p + 1] = (byte) 0x8b;
                            b[p + 2] = 8;
                            b[p + 3] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(0x20) : 0);
                        }
                    }
                }
                ScanLimits limits = k % 5 == 0 ? new ScanLimits(8, 1 << 20, rnd.nextInt(6000), 100, 256, 16, 16,
                        4096, 32) : ScanLimits.DEFAULT;
                int budget = k % 7 == 0 ? rnd.nextInt(5000) : 1 << 20;
                for (int i = CompressedStreams.nextHeader(b, 0); i >= 0; i = CompressedStreams.nextHeader(b, i + 1)) {
                    assertThat(CompressedStreams.headerAt(b, i)).isTrue();
                    Counters now = new Counters();
                    Counters old = new Counters();
                    int before = streams.inflaters();
                    DecodedRun d = streams.inflate(b, i, limits, new DecodeBudget(budget, now));
                    DecodedRun r = Reference.inflate(b, i, limits, new DecodeBudget(budget, old));
                    refused += streams.inflaters() == before ? 1 : 0;
                    assertThat(now.snapshot()).as("anomalies at %d of case %d", i, k).isEqualTo(old.snapshot());
                    if (now.get(ScanAnomalies.INFLATE_ERROR) > 0 && d != null
                            && (r == null || r.bytes().length < d.bytes().length)) {
                        // damaged past the first step: the former 64 KiB step lost what this one keeps
                        byte[] kept = r == null ? new byte[0] : r.bytes();
                        assertThat(Arrays.copyOf(d.bytes(), kept.length)).isEqualTo(kept);
                        assertThat(d.bytes().length - kept.length).isLessThanOrEqualTo(64 << 10);
                        keptMore++;
                        continue;
                    }
                    assertThat(d == null).isEqualTo(r == null);
                    if (d != null) {
                        inflatedAtAll++;
                        assertThat(d.bytes()).isEqualTo(r.bytes());
                        assertThat(d.layer()).isEqualTo(r.layer());
                        assertThat(d.start()).isEqualTo(r.start());
                        assertThat(d.end()).isEqualTo(r.end());
                    }
                }
            }
        } finally {
            streams.close();
        }
        assertThat(refused).as("false headers refused without inflating").isGreaterThan(100);
        assertThat(inflatedAtAll).isGreaterThan(100);
        assertThat(keptMore).as("damaged streams").isLessThan(inflatedAtAll / 4);
    }

    @Test
    void nextHeaderFindsWhatHeaderAtFinds() {
        Random rnd = new Random(8);
        for (int k = 0; k < 2000; k++) {
            byte[] b = new byte[rnd.nextInt(200)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) new int[] {0x78, 0x1f, 0x8b, 8, 0, 0x9c, 0x01, 0xda, 0x5e, rnd.nextInt(256)}[rnd.nextInt(10)];
            }
            int from = rnd.nextInt(b.length + 1);
            int expected = -1;
            for (int i = from; i < b.length; i++) {
                if (CompressedStreams.headerAt(b, i)) {
                    expected = i;
                    break;
                }
            }
            assertThat(CompressedStreams.nextHeader(b, from)).isEqualTo(expected);
        }
    }

    /** The former CompressedStreams.inflate: a new Inflater and a 64 KiB buffer for every header, no refusal. */
    static final class Reference {
        private static final int CHUNK = 64 << 10;

        static DecodedRun inflate(byte[] b, int i, ScanLimits limits, DecodeBudget budget) {
            boolean gzip = b[i] == 0x1f;
            int data = gzip ? CompressedStreams.gzipDataStart(b, i) : i; // header parsing unchanged
            if (data < 0) {
                budget.anomalies().increment(ScanAnomalies.INFLATE_ERROR);
                return null;
            }
            int cap = Math.min(limits.maxInflateBytes(), budget.remaining());
            Inflater inflater = new Inflater(gzip);
            byte[] out = new byte[Math.min(cap, CHUNK)];
            int n = 0;
            long read = 0;
            try {
                inflater.setInput(b, data, b.length - data);
                while (!inflater.finished()) {
                    if (n == out.length) {
                        if (n >= cap) {
                            budget.anomalies().increment(cap == budget.remaining() && cap < limits.maxInflateBytes()
                                    ? ScanAnomalies.DECODED_BYTES_LIMIT : ScanAnomalies.INFLATE_SIZE_LIMIT);
                            break;
                        }
                        out = Arrays.copyOf(out, (int) Math.min(cap, Math.max(CHUNK, 2L * out.length)));
                    }
                    int got = inflater.inflate(out, n, Math.min(out.length - n, CHUNK));
                    n += got;
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        budget.anomalies().increment(ScanAnomalies.INFLATE_TRUNCATED);
                        break;
                    }
                    if (n > ScanLimits.INFLATE_RATIO_GRACE_BYTES
                            && n / Math.max(1L, inflater.getBytesRead()) > limits.maxInflateRatio()) {
                        budget.anomalies().increment(ScanAnomalies.INFLATE_RATIO_LIMIT);
                        break;
                    }
                }
            } catch (DataFormatException e) {
                budget.anomalies().increment(ScanAnomalies.INFLATE_ERROR);
            } finally {
                read = inflater.getBytesRead();
                inflater.end();
            }
            return CompressedStreams.result(b, i, gzip, data, read, out, n, budget); // unchanged
        }
    }
}
