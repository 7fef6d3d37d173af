package org.phonehome.proto.http;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes Content-Encoding (and non-chunked transfer codings) on a whole body, last applied first, within the
 * decoded-size and ratio bounds. A pure function of the body bytes.
 */
final class ContentDecoder {

    /** The outcome: the decoded bytes, the codings undone (outermost first), and how it went. */
    record Result(byte[] decoded, List<String> layers, Set<HttpFlag> flags) {
    }

    private static final int COPY_BUFFER = 16 * 1024;

    private ContentDecoder() {
    }

    /**
     * @param body     the body as received (transfer framing removed)
     * @param codings  the codings in the order the sender applied them ({@code identity} is skipped)
     */
    static Result decode(byte[] body, List<String> codings, HttpLimits limits, Consumer<String> anomalies) {
        return decode(body, codings, limits, anomalies, Libdeflate.available());
    }

    /** As above; {@code libdeflate} says whether to try libdeflate first (tests compare both ways). */
    static Result decode(byte[] body, List<String> codings, HttpLimits limits, Consumer<String> anomalies,
                         boolean libdeflate) {
        List<String> layers = new ArrayList<>();
        Set<HttpFlag> flags = EnumSet.noneOf(HttpFlag.class);
        long cap = Math.min(limits.maxDecodedBytes(), (long) limits.maxDecompressionRatio() * body.length);
        byte[] current = body;
        int undone = 0;
        for (int i = codings.size() - 1; i >= 0 && body.length > 0; i--) {
            String coding = codings.get(i);
            if (coding.equals("identity")) {
                continue;
            }
            if (undone == limits.maxContentCodings() || !isKnown(coding)) {
                anomalies.accept(HttpAnomalies.UNKNOWN_CONTENT_ENCODING);
                break;
            }
            undone++;
            byte[] whole = libdeflate ? wholeInflate(coding, current, cap) : null;
            Decoded d = whole != null ? new Decoded(whole, false, false) : undo(coding, current, cap, limits);
            if (d.error && d.bytes.length == 0) {
                anomalies.accept(HttpAnomalies.DECODE_ERROR);
                flags.add(HttpFlag.DECODE_ERROR);
                break;
            }
            layers.add(normalName(coding));
            current = d.bytes;
            if (d.error || d.limitHit) {
                anomalies.accept(d.limitHit ? HttpAnomalies.DECOMPRESSION_BOMB : HttpAnomalies.DECODE_ERROR);
                flags.add(d.limitHit ? HttpFlag.DECODE_LIMIT : HttpFlag.DECODE_ERROR);
                break;
            }
        }
        return new Result(current, layers, flags);
    }

    static boolean isKnown(String coding) {
        return switch (coding) {
            case "gzip", "x-gzip", "deflate", "br", "zstd" -> true;
            default -> false;
        };
    }

    private static String normalName(String coding) {
        return coding.equals("x-gzip") ? "gzip" : coding;
    }

    private static Decoded undo(String coding, byte[] in, long cap, HttpLimits limits) {
        switch (coding) {
            case "gzip", "x-gzip":
                return copy(() -> new GZIPInputStream(new ByteArrayInputStream(in), COPY_BUFFER), cap,
                        expectedOutput(in));
            case "deflate":
                return inflate(in, cap);
            case "br":
                return copy(() -> new BrotliInputStream(new ByteArrayInputStream(in)), cap, expectedOutput(in));
            default:
                if (!ZstdFrameCheck.windowsWithin(in, limits.maxZstdWindowBytes())) {
                    return new Decoded(new byte[0], true, false);
                }
                return copy(() -> new ZstdInputStream(new ByteArrayInputStream(in)), cap, expectedOutput(in));
        }
    }

    /**
     * The body inflated whole by libdeflate, or null where zlib's answer could differ: a damaged or truncated
     * stream (zlib keeps the bytes before the damage), output over the cap (zlib keeps the cap's worth), bytes after
     * a gzip member (zlib reads on into a next member), raw DEFLATE, or any other coding.
     *
     * <p>Only streams with a checksum of their output are given to libdeflate (gzip: CRC-32 and size; zlib:
     * Adler-32). libdeflate reads some invalid DEFLATE that zlib refuses (a code-length repeat that runs past the
     * code lengths, say); behind a checksum such a stream must be made on purpose to pass it, whereas raw DEFLATE,
     * which has none, would differ on chance damage.
     */
    static byte[] wholeInflate(String coding, byte[] in, long bound) {
        long cap = Math.min(bound, Integer.MAX_VALUE - 8);
        return switch (coding) {
            case "gzip", "x-gzip" -> Libdeflate.gunzipMember(in, cap);
            case "deflate" -> looksZlib(in) ? wholeZlib(in, cap) : null;
            default -> null;
        };
    }

    /**
     * A zlib stream (the deflate coding as RFC 9110 has it); its output size is not written anywhere, so the room
     * grows from 4x the input up to the cap. Bytes after the stream are ignored, as zlib ignores them.
     */
    private static byte[] wholeZlib(byte[] in, long cap) {
        long room = Math.min(cap, Math.max(expectedOutput(in), COPY_BUFFER));
        while (true) {
            byte[] out = new byte[(int) room];
            long r = Libdeflate.decompress(Libdeflate.Format.ZLIB, in, 0, in.length, out, 0, out.length);
            if (r >= 0) {
                int n = Libdeflate.written(r);
                return n == out.length ? out : Arrays.copyOf(out, n);
            }
            if (r != Libdeflate.INSUFFICIENT_SPACE || room >= cap) {
                return null;
            }
            room = Math.min(cap, 4 * room);
        }
    }

    /** deflate as servers send it: zlib-wrapped (RFC 1950) as the RFC says, or raw (RFC 1951) as some do. */
    private static Decoded inflate(byte[] in, long cap) {
        if (looksZlib(in)) {
            Decoded zlib = inflate(in, cap, false);
            if (!(zlib.error && zlib.bytes.length == 0)) {
                return zlib;
            }
        }
        return inflate(in, cap, true);
    }

    private static Decoded inflate(byte[] in, long cap, boolean raw) {
        Inflater inflater = new Inflater(raw);
        try {
            return copy(() -> new InflaterInputStream(new ByteArrayInputStream(in), inflater, COPY_BUFFER), cap,
                    expectedOutput(in));
        } finally {
            inflater.end();
        }
    }

    /** A zlib header: compression method 8, window at most 32 KiB, header check a multiple of 31. */
    static boolean looksZlib(byte[] b) {
        return b.length >= 2 && (b[0] & 0x0F) == 8 && (b[0] & 0xF0) <= 0x70
                && (((b[0] & 0xFF) << 8) | (b[1] & 0xFF)) % 31 == 0;
    }

    /** Text compresses about 4:1: room for that up front saves most of the copies of growing. */
    private static long expectedOutput(byte[] in) {
        return 4L * in.length;
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private record Decoded(byte[] bytes, boolean error, boolean limitHit) {
    }

    /** Reads the decoder's output up to {@code cap} bytes; a decoder failure keeps what came before it. */
    private static Decoded copy(Opener opener, long cap, long expected) {
        BoundedBytes out = new BoundedBytes((int) Math.min(cap, Integer.MAX_VALUE - 8));
        out.reserve(expected);
        byte[] buf = new byte[COPY_BUFFER];
        try (InputStream in = opener.open()) {
            while (true) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return new Decoded(out.toArray(), false, false);
                }
                out.append(buf, 0, n);
                if (out.truncated()) {
                    return new Decoded(out.toArray(), false, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            // hostile bodies make the codec libraries throw (ZipException, MalformedInputException,
            // BrotliRuntimeException, ...): that is a finding about the body, not a parser failure
            return new Decoded(out.toArray(), true, false);
        }
    }
}
