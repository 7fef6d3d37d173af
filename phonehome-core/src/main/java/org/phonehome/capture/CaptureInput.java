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
 * etc., so no header needs an object of its own. A packet body is not copied ({@link #take(int)}): the packet
 * points into the buffer it was read into, and a buffer that a packet points into is not written while anyone
 * may read it. When such a buffer must make room, the unread bytes move to another buffer from the
 * {@link ReadBuffers} instead, and the old one goes back there, to be used again once nothing reads it. Only a
 * body larger than the buffer gets an array of its own.
 */
final class CaptureInput {
    /** Large reads keep the per-call overhead of the stream (and of gzip) negligible; 256 KiB is plenty for disks. */
    static final int BUFFER_BYTES = ReadBuffers.DEFAULT_BUFFER_BYTES;
    /**
     * Bodies up to this size are allocated at once; larger ones grow as their bytes actually arrive, so a header
     * that lies about a huge length at the end of a small file never allocates the lie.
     */
    private static final int EAGER_ALLOCATION_BYTES = 1024 * 1024;
    /** Reading into less room than this would cost a system call for a few packets: make room first. */
    private static final int MIN_READ_BYTES = 16 * 1024;

    private final InputStream in;
    /** Where new buffers come from, and buffers the reader moved on from go. */
    private final ReadBuffers pool;
    private byte[] buf;
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;
    private boolean bigEndian;
    /** A packet points into {@link #buf}: its bytes must not be moved or overwritten. */
    private boolean shared;
    /** Where the body of the last {@link #take(int)} is. */
    private byte[] takenArray;
    private int takenOffset;

    /** Where new buffers are registered so that their bytes can be read again; null when they cannot be. */
    private final CaptureBuffers buffers;
    private final int file;

    /**
     * Reads {@code in} into buffers from {@code pool}; when {@code buffers} is not null, {@code in} is capture file
     * number {@code file} of it from its first byte on, and each buffer is registered there with its place in the
     * file.
     */
    CaptureInput(InputStream in, ReadBuffers pool, CaptureBuffers buffers, int file) {
        this.in = in;
        this.pool = pool;
        this.buf = pool.fresh();
        this.buffers = file < 0 ? null : buffers;
        this.file = file;
        if (this.buffers != null) {
            this.buffers.added(buf, file, 0);
        }
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
            fill(n);
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
     * Reads exactly {@code n} bytes for a packet to keep, without copying them when they fit in the buffer; they
     * are then at {@link #takenOffset()} in {@link #takenArray()}.
     *
     * @return false when the stream ended first (the bytes present are consumed; see {@link #offset()})
     */
    boolean take(int n) throws IOException {
        if (n > buf.length) {
            byte[] own = readBytes(n);
            takenArray = own;
            takenOffset = 0;
            return own != null;
        }
        if (request(n) < n) {
            pos = limit;
            return false;
        }
        takenArray = buf;
        takenOffset = pos;
        pos += n;
        shared = true;
        return true;
    }

    /** The array holding the bytes of the last successful {@link #take(int)}. */
    byte[] takenArray() {
        return takenArray;
    }

    /** Where in {@link #takenArray()} those bytes start. */
    int takenOffset() {
        return takenOffset;
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
                fill(1);
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
                fill(1);
                continue;
            }
            int take = (int) Math.min(limit - pos, n - done);
            pos += take;
            done += take;
        }
        return done;
    }

    /**
     * Reads more after the unread bytes, so that {@code wanted} of them may fit. When the room after them is too
     * small for that, or for a read worth a system call, they move to the front first: of a new buffer when
     * packets point into this one, so that a buffer is replaced only when it is nearly full, however short the
     * stream's reads (a pipe's, gzip's).
     */
    private void fill(int wanted) throws IOException {
        int unread = limit - pos;
        if (pos > 0 && buf.length - limit < Math.max(wanted - unread, MIN_READ_BYTES)) {
            if (shared) {
                byte[] fresh = pool.fresh();
                System.arraycopy(buf, pos, fresh, 0, unread);
                pool.retire(buf);
                buf = fresh;
                shared = false;
            } else {
                System.arraycopy(buf, pos, buf, 0, unread);
            }
            bufferStart += pos;
            pos = 0;
            limit = unread;
            if (buffers != null) {
                buffers.added(buf, file, bufferStart);
            }
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
        if (buf != null) {
            // Once only: a buffer given back twice would be handed out twice.
            pool.retire(buf);
            buf = null;
        }
        in.close();
    }
}
