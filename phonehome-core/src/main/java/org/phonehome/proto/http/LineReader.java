package org.phonehome.proto.http;

import java.util.Arrays;
import org.phonehome.ByteSearch;
import org.phonehome.proto.ParserMemory;

/**
 * Collects one line from stream bytes that arrive in pieces, up to a bound. The line end (LF, or CRLF) is consumed
 * and not kept. Past the bound a line either stops growing ({@link #overflowed()}) or, in sliding mode, keeps only
 * its last bytes, between one and two times the bound (used to look for a message start inside a long run of
 * unknown bytes). Its room past the first {@value #INITIAL_CAPACITY} bytes is held within the audit's
 * {@link ParserMemory}: when that refuses, the line's bound shrinks to the room it has, for that line.
 */
final class LineReader {

    private static final int INITIAL_CAPACITY = 128;
    /** A buffer grown past this for one long line is given back at the next reset, so idle flows stay small. */
    private static final int RETAINED_CAPACITY = 8 * 1024;

    private final ParserMemory memory;
    /** Called once per line whose room the shared bound refused. */
    private final Runnable refused;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private boolean refusedThisLine;
    private int length;
    private int limit;
    private boolean sliding;
    private boolean overflowed;
    private boolean complete;

    LineReader(ParserMemory memory, Runnable refused) {
        this.memory = memory;
        this.refused = refused;
    }

    /** Starts a new line of at most {@code limit} bytes. */
    void reset(int limit, boolean sliding) {
        if (buf.length > RETAINED_CAPACITY) {
            release();
        }
        refusedThisLine = false;
        this.limit = limit;
        this.sliding = sliding;
        length = 0;
        overflowed = false;
        complete = false;
    }

    /** Consumes bytes of {@code b[pos, end)} up to and including a LF; returns the position after them. */
    int feed(byte[] b, int pos, int end) {
        int lf = ByteSearch.indexOf(b, pos, end, (byte) '\n');
        int stop = lf < 0 ? end : lf;
        append(b, pos, stop - pos);
        if (lf < 0) {
            return end;
        }
        complete = true;
        if (length > 0 && buf[length - 1] == '\r') {
            length--;
        }
        return lf + 1;
    }

    private void append(byte[] b, int from, int n) {
        if (n == 0) {
            return;
        }
        long need = !sliding ? Math.min((long) length + n, limit)
                : (long) length + n <= 2L * limit ? length + n : n >= limit ? limit : 0;
        if (need > buf.length && !grow((int) need)) {
            // the shared bound refused: this line holds what it has room for (and slides within it)
            limit = sliding ? Math.max(1, buf.length / 2) : buf.length;
            if (!refusedThisLine) {
                refusedThisLine = true;
                refused.run();
            }
        }
        if (length + n > limit) {
            overflowed = true;
            if (!sliding) {
                n = limit - length;
            } else if ((long) length + n > 2L * limit) {
                slide(b, from, n);
                return;
            }
        }
        ensure(length + n);
        System.arraycopy(b, from, buf, length, n);
        length += n;
    }

    /**
     * Keeps the last {@code limit} bytes of (kept bytes + new bytes). Sliding only once the buffer holds twice the
     * bound keeps the copying linear when a long line arrives one byte at a time.
     */
    private void slide(byte[] b, int from, int n) {
        if (n >= limit) {
            ensure(limit);
            System.arraycopy(b, from + n - limit, buf, 0, limit);
            length = limit;
            return;
        }
        int fromOld = limit - n;
        System.arraycopy(buf, length - fromOld, buf, 0, fromOld);
        System.arraycopy(b, from, buf, fromOld, n);
        length = limit;
    }

    /** Grows to hold {@code capacity} bytes (doubling, within the line's bound) if the shared bound allows it. */
    private boolean grow(int capacity) {
        int bound = (int) Math.min(Integer.MAX_VALUE - 8, sliding ? 2L * limit : limit);
        int doubled = Math.min(Math.max(capacity, buf.length * 2), Math.max(bound, capacity));
        int size = memory.take(doubled - buf.length) ? doubled
                : memory.take(capacity - buf.length) ? capacity : -1;
        if (size < 0) {
            return false;
        }
        buf = Arrays.copyOf(buf, size);
        return true;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            throw new IllegalStateException("line buffer not grown first"); // append grows, or shrinks the bound
        }
    }

    /** Gives back the room past the first bytes: the connection's direction ended, or its line was long. */
    void release() {
        memory.giveBack(buf.length - INITIAL_CAPACITY);
        buf = new byte[INITIAL_CAPACITY];
    }

    boolean complete() {
        return complete;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The line's bytes are {@code bytes()[0, length())}; the array is reused after the next reset. */
    byte[] bytes() {
        return buf;
    }

    int length() {
        return length;
    }
}
