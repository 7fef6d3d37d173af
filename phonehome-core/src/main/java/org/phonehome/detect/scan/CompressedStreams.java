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
 * {@link ScanLimits#INFLATE_RATIO_GRACE_BYTES}; a cut, a truncated stream or invalid data keeps the output so far
 * (as of the last complete inflate step: the first is {@link #PROBE} bytes, then {@link #CHUNK}s, so a stream
 * damaged past its first 4 KiB keeps those).
 *
 * <p><b>Cost of a false header.</b> In random or compressed bytes about 1 position in 16,000 looks like a zlib
 * header. Such a stream is not worth a fresh {@link Inflater} and a 64 KiB buffer: a first block of the reserved
 * type 3, or a stored block whose length and its complement disagree (half of all false headers), is refused at once,
 * counted as {@code scan_inflate_error} exactly as inflating it would; the others are inflated with an inflater
 * reused for the whole part ({@link Inflater#reset()}) into a reused {@link #PROBE}-byte buffer, and only a stream
 * that fills it gets a buffer of its own. One instance serves one part's scan (not thread-safe); {@link #close()}
 * frees the inflaters.
 */
final class CompressedStreams {
    /** 64 KiB: the inflate step; also the most a single step can go past a bound before it is checked. */
    private static final int CHUNK = 64 << 10;
    /** 4 KiB: the first inflate step, into a reused buffer; random bytes behind a false header fail well within it. */
    static final int PROBE = 4 << 10;
    private static final int FTEXT_RESERVED = 0xe0;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;

    private Inflater gzipInflater;
    private Inflater zlibInflater;
    private byte[] probe;
    /** Streams handed to an inflater so far (tests). */
    private int inflaters;

    /** True when a gzip or zlib header starts at {@code i}. */
    static boolean headerAt(byte[] b, int i) {
        return isGzip(b, i) || isZlib(b, i);
    }

    /** The first position at or after {@code from} where a gzip or zlib header starts, or -1. */
    static int nextHeader(byte[] b, int from) {
        for (int i = Math.max(0, from), n = b.length - 2; i < n; i++) {
            byte c = b[i];
            if (c == 0x78 ? isZlib(b, i) : c == 0x1f && isGzip(b, i)) {
                return i;
            }
        }
        return -1;
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
    DecodedRun inflate(byte[] b, int i, ScanLimits limits, DecodeBudget budget) {
        boolean gzip = isGzip(b, i);
        int data = gzip ? gzipDataStart(b, i) : i;
        if (data < 0) {
            budget.anomalies().increment(ScanAnomalies.INFLATE_ERROR);
            return null;
        }
        int cap = Math.min(limits.maxInflateBytes(), budget.remaining());
        if (cap > 0 && badFirstBlock(b, gzip ? data : i + 2)) {
            count(budget, ScanAnomalies.INFLATE_ERROR); // what the inflater says at once, with no output
            return null;
        }
        Inflater inflater = inflater(gzip);
        inflaters++;
        if (probe == null) {
            probe = new byte[PROBE];
        }
        byte[] out = probe;
        int size = Math.min(cap, PROBE); // out's usable length
        int n = 0;
        long read;
        try {
            inflater.setInput(b, data, b.length - data);
            while (!inflater.finished()) {
                if (n == size) {
                    if (n >= cap) {
                        count(budget, cap == budget.remaining() && cap < limits.maxInflateBytes()
                                ? ScanAnomalies.DECODED_BYTES_LIMIT : ScanAnomalies.INFLATE_SIZE_LIMIT);
                        break;
                    }
                    size = (int) Math.min(cap, Math.max(CHUNK, 2L * size));
                    out = Arrays.copyOf(out, size);
                }
                int got = inflater.inflate(out, n, Math.min(size - n, CHUNK));
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
        }
        return result(b, i, gzip, data, read, out, n, budget);
    }

    /**
     * The decoded run of the stream at {@code i} whose deflate data starts at {@code data}, of which {@code read}
     * bytes were read into {@code out[0, n)}; null (nothing spent) when {@code n} is 0.
     */
    static DecodedRun result(byte[] b, int i, boolean gzip, int data, long read, byte[] out, int n,
                             DecodeBudget budget) {
        if (n == 0) {
            return null;
        }
        budget.spend(n);
        int end = (int) Math.max(i + 1, Math.min(b.length, data + read + (gzip ? 8 : 0)));
        return new DecodedRun(gzip ? Layers.GZIP : Layers.DEFLATE, i, end, Arrays.copyOf(out, n),
                SpanMap.whole(i, end));
    }

    /**
     * True when the deflate block header at {@code p} is one the inflater refuses before writing a byte: block
     * type 3 (reserved), or a stored block whose length and its complement (both present) disagree.
     */
    static boolean badFirstBlock(byte[] b, int p) {
        if (p >= b.length) {
            return false;
        }
        int type = (b[p] >> 1) & 3;
        if (type == 3) {
            return true;
        }
        if (type == 0 && p + 5 <= b.length) {
            int len = (b[p + 1] & 0xff) | (b[p + 2] & 0xff) << 8;
            int nlen = (b[p + 3] & 0xff) | (b[p + 4] & 0xff) << 8;
            return (len ^ nlen) != 0xffff;
        }
        return false;
    }

    /** The part's inflater for gzip (raw deflate after the header) or zlib, reset. */
    private Inflater inflater(boolean gzip) {
        Inflater inflater = gzip ? gzipInflater : zlibInflater;
        if (inflater == null) {
            inflater = new Inflater(gzip);
            if (gzip) {
                gzipInflater = inflater;
            } else {
                zlibInflater = inflater;
            }
        } else {
            inflater.reset();
        }
        return inflater;
    }

    int inflaters() {
        return inflaters;
    }

    /** Frees the inflaters (the instance may be used again: they are made anew). */
    void close() {
        if (gzipInflater != null) {
            gzipInflater.end();
            gzipInflater = null;
        }
        if (zlibInflater != null) {
            zlibInflater.end();
            zlibInflater = null;
        }
    }

    private static void count(DecodeBudget budget, String anomaly) {
        budget.anomalies().increment(anomaly);
    }

    /** Where the deflate data of the gzip member at {@code i} starts, or -1 when its header runs off the end. */
    static int gzipDataStart(byte[] b, int i) {
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
