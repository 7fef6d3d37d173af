package org.phonehome.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * A buffered byte source over one capture stream that knows its offset and decodes integers in either byte order.
 *
 * <p>Readers ask for a few header bytes with {@link #request(int)} and decode them in place with {@link #u32(int)}
 * etc., so no header needs an object of its own. Packet bodies are copied straight out of the buffer.
 */
final class CaptureInput {
    /** Large reads keep the per-call overhead of the stream (and of gzip) negligible; 256 KiB is plenty for disks. */
    static final int BUFFER_BYTES = 256 * 1024;
    /**
     * Bodies up to this size are allocated at once; larger ones grow as their bytes actually arrive, so a header
     * that lies about a huge length at the end of a small file never allocates the lie.
     */
    private static final int EAGER_ALLOCATION_BYTES = 1024 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;
    private boolean bigEndian;

    CaptureInput(InputStream in) {
        this.in = in;
    }

    /** Byte offset of the next unread byte. */
    long offset() {
        return bufferStart + pos;
    }

    void bigEndian(boolean value) {
        this.bigEndian = value;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /**
     * Makes up to {@code n} (at most {@link #BUFFER_BYTES}) bytes readable at {@link #position()}.
     *
     * @return how many are available: {@code n}, or fewer only at the end of the stream
     */
    int request(int n) throws IOException {
        while (limit - pos < n && !eof) {
            fill();
        }
        return Math.min(n, limit - pos);
    }

    /** Index into {@link #buffer()} of the next unread byte. */
    int position() {
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    /** Marks {@code n} requested bytes as read. */
    void advance(int n) {
        pos += n;
    }

    int u8(int at) {
        return buf[at] & 0xff;
    }

    /** Unsigned 16-bit value at buffer index {@code at}, in the current byte order. */
    int u16(int at) {
        int a = buf[at] & 0xff;
        int b = buf[at + 1] & 0xff;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    /** 32-bit value at buffer index {@code at}, in the current byte order. */
    int u32(int at) {
        return bigEndian ? be32(buf, at) : le32(buf, at);
    }

    static int be32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static int le32(byte[] b, int at) {
        return (b[at + 3] & 0xff) << 24 | (b[at + 2] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    /**
     * Reads exactly {@code n} bytes into a new array.
     *
     * @return the bytes, or null when the stream ended first (the bytes present are consumed; see {@link #offset()})
     */
    byte[] readBytes(int n) throws IOException {
        if (limit - pos >= n) {
            // The common case, the whole body buffered: copyOfRange does not clear the array it then fills.
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }
        byte[] out = new byte[Math.min(n, EAGER_ALLOCATION_BYTES)];
        int done = 0;
        while (done < n) {
            if (pos == limit) {
                if (eof) {
                    return null;
                }
                fill();
                continue;
            }
            if (done == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
            }
            int take = Math.min(limit - pos, out.length - done);
            System.arraycopy(buf, pos, out, done, take);
            pos += take;
            done += take;
        }
        return out;
    }

    /**
     * Skips up to {@code n} bytes.
     *
     * @return how many were skipped: {@code n}, or fewer only at the end of the stream
     */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == limit) {
                if (eof) {
                    break;
                }
                fill();
                continue;
            }
            int take = (int) Math.min(limit - pos, n - done);
            pos += take;
            done += take;
        }
        return done;
    }

    /** Keeps the unread bytes, moves them to the front and reads more after them. */
    private void fill() throws IOException {
        if (pos > 0) {
            int keep = limit - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            bufferStart += pos;
            pos = 0;
            limit = keep;
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (ZipException | EOFException e) {
            // Only the gzip layer throws these: the compressed file is damaged or cut short.
            throw new CaptureFormatException(bufferStart + limit, "compressed data damaged: " + e.getMessage());
        }
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    void close() throws IOException {
        in.close();
    }
}
