package org.phonehome.proto.http;

import java.util.Objects;
import org.phonehome.NativeShim;

/**
 * Whole-buffer inflate with the system's libdeflate, about twice as fast as zlib's, through the JNI shim built with
 * the project ({@link NativeShim}); when the machine lacks either, {@link #available()} is false and callers
 * inflate with {@code java.util.zip}.
 *
 * <p>Why native: inflating gzip bodies was a third of an audit's CPU on cleartext traffic, all of it in zlib, and
 * the JDK has no faster inflater. libdeflate only decompresses whole buffers, which is what a received body is.
 * Callers use it only where its answer is the one zlib would give (a stream inflated whole, within their bounds,
 * nothing left over) and otherwise ask zlib, so results never depend on which library a machine has.
 *
 * <p>The system property {@code phonehome.libdeflate=off} keeps {@code java.util.zip} for everything.
 */
public final class Libdeflate {

    /** The stream formats, in the shim's order. */
    public enum Format {
        /** Raw DEFLATE (RFC 1951). */
        DEFLATE,
        /** zlib (RFC 1950): header, DEFLATE, Adler-32. */
        ZLIB,
        /** One gzip member (RFC 1952): header, DEFLATE, CRC-32 and size. */
        GZIP
    }

    /** A {@link #decompress} result: the stream was not valid. */
    public static final long BAD_DATA = -1;
    /** A {@link #decompress} result: the output did not fit in the room given. */
    public static final long INSUFFICIENT_SPACE = -3;

    /** A gzip member's fixed header (10 bytes), the shortest DEFLATE stream (2) and its trailer (8). */
    private static final int GZIP_MIN_MEMBER = 20;
    private static final String DISABLED = "off";
    private static final Status STATUS = load();

    private Libdeflate() {
    }

    /** Whether libdeflate and the shim were loaded. */
    public static boolean available() {
        return STATUS.loaded;
    }

    /** "loaded", or why not (shown by {@code phonehome --version}). */
    public static String status() {
        return STATUS.message;
    }

    /**
     * Decompresses the stream at {@code in[inOff, inOff + inLen)} into {@code out[outOff, outOff + outLen)}.
     * Returns the bytes consumed in the high and the bytes written in the low 32 bits ({@link #consumed},
     * {@link #written}), or a negative code: {@link #BAD_DATA}, {@link #INSUFFICIENT_SPACE}, or another when
     * libdeflate could not run. Trailing input after the stream is left unread (see {@link #consumed}).
     *
     * @throws IllegalStateException when {@link #available()} is false
     */
    public static long decompress(Format format, byte[] in, int inOff, int inLen, byte[] out, int outOff,
                                  int outLen) {
        if (!STATUS.loaded) {
            throw new IllegalStateException("libdeflate is not loaded: " + STATUS.message);
        }
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        return decompress(format.ordinal(), in, inOff, inLen, out, outOff, outLen);
    }

    /**
     * The content of {@code in} when it is exactly one gzip member whose trailer size (ISIZE) is at most
     * {@code cap}, or null: when libdeflate is not loaded, or the stream is anything else (damaged, truncated,
     * followed by more bytes or members), so that the caller reads it with zlib and keeps zlib's answer.
     */
    public static byte[] gunzipMember(byte[] in, long cap) {
        if (!STATUS.loaded || in.length < GZIP_MIN_MEMBER) {
            return null;
        }
        int t = in.length - 4;
        long size = (in[t] & 0xffL) | (in[t + 1] & 0xffL) << 8 | (in[t + 2] & 0xffL) << 16 | (in[t + 3] & 0xffL) << 24;
        if (size > Math.min(cap, Integer.MAX_VALUE - 8)) {
            return null;
        }
        byte[] out = new byte[(int) size];
        long r = decompress(Format.GZIP, in, 0, in.length, out, 0, out.length);
        return r >= 0 && consumed(r) == in.length && written(r) == out.length ? out : null;
    }

    /** The bytes of input a successful {@link #decompress} read. */
    public static int consumed(long result) {
        return (int) (result >>> 32);
    }

    /** The bytes a successful {@link #decompress} wrote. */
    public static int written(long result) {
        return (int) result;
    }

    private static native String open();

    private static native long decompress(int format, byte[] in, int inOff, int inLen, byte[] out, int outOff,
                                          int outLen);

    private record Status(boolean loaded, String message) {
    }

    private static Status load() {
        if (DISABLED.equals(System.getProperty("phonehome.libdeflate"))) {
            return new Status(false, "turned off (phonehome.libdeflate=off)");
        }
        if (!NativeShim.loaded()) {
            return new Status(false, NativeShim.status());
        }
        try {
            String refused = open();
            return refused == null ? new Status(true, "loaded") : new Status(false, refused);
        } catch (UnsatisfiedLinkError e) {
            return new Status(false, "the shim did not load: " + e.getMessage());
        }
    }
}
