package org.phonehome.detect.scan;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds gzip (RFC 1952) and zlib (RFC 1950) streams anywhere in a buffer by their headers and inflates them
 * ({@link Layers#GZIP}, {@link Layers#DEFLATE}) within the scan's bounds.
 *
 * <p>Headers: gzip is {@code 1f 8b 08} with no reserved flag bits (its optional extra, name, comment and header
 * CRC are skipped); zlib is {@code 78} followed by {@code 01}, {@code 5e}, {@code 9c} or {@code da} (the only
 * second bytes with a valid FCHECK and no preset dictionary). Trailers (CRC, size, Adler-32) are not verified:
 * a stream with a wrong checksum still carried its bytes. Output is cut at the smaller of
 * {@link ScanLimits#maxInflateBytes()} and the budget left, and at {@link ScanLimits#maxInflateRatio()} once past
 * {@link ScanLimits#INFLATE_RATIO_GRACE_BYTES}; a cut, a truncated stream or invalid data keeps the output so far.
 */
final class CompressedStreams {
    /** 64 KiB: the inflate step; also the most a single step can go past a bound before it is checked. */
    private static final int CHUNK = 64 << 10;
    private static final int FTEXT_RESERVED = 0xe0;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;

    private CompressedStreams() {
    }

    /** True when a gzip or zlib header starts at {@code i}. */
    static boolean headerAt(byte[] b, int i) {
        return isGzip(b, i) || isZlib(b, i);
    }

    private static boolean isGzip(byte[] b, int i) {
        return i + 10 <= b.length && b[i] == 0x1f && b[i + 1] == (byte) 0x8b && b[i + 2] == 8
                && (b[i + 3] & FTEXT_RESERVED) == 0;
    }

    private static boolean isZlib(byte[] b, int i) {
        if (i + 2 >= b.length || b[i] != 0x78) {
            return false;
        }
        int flg = b[i + 1] & 0xff;
        return flg == 0x01 || flg == 0x5e || flg == 0x9c || flg == 0xda;
    }

    /**
     * Inflates the stream whose header is at {@code i}; null when it produced nothing (the reason counted).
     * The run's end is where inflating stopped reading.
     */
    static DecodedRun inflate(byte[] b, int i, ScanLimits limits, DecodeBudget budget) {
        boolean gzip = isGzip(b, i);
        int data = gzip ? gzipDataStart(b, i) : i;
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
                        count(budget, cap == budget.remaining() && cap < limits.maxInflateBytes()
                                ? ScanAnomalies.DECODED_BYTES_LIMIT : ScanAnomalies.INFLATE_SIZE_LIMIT);
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(cap, Math.max(CHUNK, 2L * out.length)));
                }
                int got = inflater.inflate(out, n, Math.min(out.length - n, CHUNK));
                n += got;
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    count(budget, ScanAnomalies.INFLATE_TRUNCATED);
                    break;
                }
                if (n > ScanLimits.INFLATE_RATIO_GRACE_BYTES
                        && n / Math.max(1L, inflater.getBytesRead()) > limits.maxInflateRatio()) {
                    count(budget, ScanAnomalies.INFLATE_RATIO_LIMIT);
                    break;
                }
            }
        } catch (DataFormatException e) {
            count(budget, ScanAnomalies.INFLATE_ERROR);
        } finally {
            read = inflater.getBytesRead();
            inflater.end();
        }
        if (n == 0) {
            return null;
        }
        budget.spend(n);
        int end = (int) Math.max(i + 1, Math.min(b.length, data + read + (gzip ? 8 : 0)));
        return new DecodedRun(gzip ? Layers.GZIP : Layers.DEFLATE, i, end, Arrays.copyOf(out, n),
                SpanMap.whole(i, end));
    }

    private static void count(DecodeBudget budget, String anomaly) {
        budget.anomalies().increment(anomaly);
    }

    /** Where the deflate data of the gzip member at {@code i} starts, or -1 when its header runs off the end. */
    private static int gzipDataStart(byte[] b, int i) {
        int flags = b[i + 3] & 0xff;
        int p = i + 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > b.length) {
                return -1;
            }
            p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(b, p);
        }
        if ((flags & FCOMMENT) != 0) {
            p = afterZero(b, p);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        return p >= 0 && p < b.length ? p : -1;
    }

    private static int afterZero(byte[] b, int p) {
        if (p < 0) {
            return -1;
        }
        for (int k = p; k < b.length; k++) {
            if (b[k] == 0) {
                return k + 1;
            }
        }
        return -1;
    }
}
