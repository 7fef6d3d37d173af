package org.phonehome.proto.tls;

/**
 * A bounds-checked big-endian cursor over a slice of bytes; never throws.
 *
 * <p>Reading past the end sets {@link #ok()} to false, returns 0 (or an empty array/reader) and moves to the end,
 * so a parser can read a whole structure and check once.
 */
public final class ByteReader {
    private final byte[] data;
    private final int end;
    private int pos;
    private boolean ok = true;

    /** A reader over {@code data[offset, offset+length)}; an out-of-range slice gives an empty, failed reader. */
    public ByteReader(byte[] data, int offset, int length) {
        this.data = data;
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            this.pos = 0;
            this.end = 0;
            this.ok = false;
        } else {
            this.pos = offset;
            this.end = offset + length;
        }
    }

    /** False once any read ran past the end. */
    public boolean ok() {
        return ok;
    }

    /** Bytes left. */
    public int remaining() {
        return end - pos;
    }

    /** Position in the underlying array. */
    public int position() {
        return pos;
    }

    private boolean need(int n) {
        if (n < 0 || end - pos < n) {
            ok = false;
            pos = end;
            return false;
        }
        return true;
    }

    /** One unsigned byte. */
    public int u8() {
        return need(1) ? data[pos++] & 0xff : 0;
    }

    /** Unsigned 16-bit. */
    public int u16() {
        if (!need(2)) {
            return 0;
        }
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** Unsigned 24-bit. */
    public int u24() {
        if (!need(3)) {
            return 0;
        }
        int v = ((data[pos] & 0xff) << 16) | ((data[pos + 1] & 0xff) << 8) | (data[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    /** Unsigned 32-bit. */
    public long u32() {
        if (!need(4)) {
            return 0;
        }
        long v = ((long) (data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16)
                | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A copy of the next {@code n} bytes (empty on underflow). */
    public byte[] bytes(int n) {
        if (!need(n)) {
            return new byte[0];
        }
        byte[] copy = new byte[n];
        System.arraycopy(data, pos, copy, 0, n);
        pos += n;
        return copy;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n) {
        if (need(n)) {
            pos += n;
        }
    }

    /** A reader over the next {@code n} bytes, which this reader skips (a failed empty reader on underflow). */
    public ByteReader sub(int n) {
        if (!need(n)) {
            return new ByteReader(data, 0, -1);
        }
        ByteReader r = new ByteReader(data, pos, n);
        pos += n;
        return r;
    }
}
