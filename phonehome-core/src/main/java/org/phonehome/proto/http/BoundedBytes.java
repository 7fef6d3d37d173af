package org.phonehome.proto.http;

import java.util.Arrays;
import org.phonehome.proto.ParserMemory;

/**
 * A growable byte buffer that keeps at most a bound and counts what it dropped. With a {@link ParserMemory} it also
 * takes the room of each growth from that shared bound, keeps no more when refused, and gives all of it back at
 * {@link #release()}.
 */
public final class BoundedBytes {

    private static final byte[] NONE = new byte[0];
    /** 1 MiB: a size a peer announces is reserved only up to this, so a false one costs little. */
    static final int MAX_RESERVED = 1 << 20;

    private final int max;
    private final ParserMemory memory;
    private byte[] buf = NONE;
    private int length;
    private long dropped;
    /** Room taken from {@link #memory}: the buffer's capacity. */
    private long held;
    private boolean refused;

    /** A buffer of at most {@code max} bytes, not counted against a shared bound. */
    public BoundedBytes(int max) {
        this(max, null);
    }

    /** A buffer of at most {@code max} bytes whose growth {@code memory} (null for none) must allow. */
    public BoundedBytes(int max, ParserMemory memory) {
        this.max = max;
        this.memory = memory;
    }

    /** Appends what the bounds allow of {@code b[from, from + n)}; the rest is counted as dropped. */
    public void append(byte[] b, int from, int n) {
        int keep = (int) Math.min(n, (long) max - length);
        if (keep > 0 && length + keep > buf.length) {
            grow(length + keep);
            keep = Math.min(keep, buf.length - length);
        }
        if (keep > 0) {
            System.arraycopy(b, from, buf, length, keep);
            length += keep;
        }
        dropped += n - keep;
    }

    /**
     * Grows towards {@code needed} bytes, doubling (so that a body is copied a few times, not once per piece). When
     * the shared bound refuses, asks for half as much more, down to an eighth of what is held: what it grants is
     * kept, and the bytes past it are dropped.
     */
    private void grow(int needed) {
        long want = Math.min(max, Math.max(needed, Math.max(256L, (long) buf.length * 2)));
        long least = buf.length + Math.max(256L, buf.length / 8);
        while (!growTo((int) want)) {
            want = buf.length + (want - buf.length) / 2;
            if (want < least) {
                return;
            }
        }
    }

    /** Grows the buffer to {@code capacity} if the shared bound allows it. */
    private boolean growTo(int capacity) {
        if (memory != null && !memory.take(capacity - buf.length)) {
            refused = true;
            return false;
        }
        held += capacity - buf.length;
        buf = Arrays.copyOf(buf, capacity);
        return true;
    }

    /**
     * Makes room for {@code n} bytes now (at most {@link #MAX_RESERVED}, and never past the bound), when the size
     * is announced: growing by doubling would copy the body several times. Nothing is reserved when the shared
     * bound refuses: the bytes, when they come, ask again.
     */
    public void reserve(long n) {
        long want = Math.min(Math.min(n, MAX_RESERVED), max);
        if (want > buf.length && (memory == null || memory.take(want - buf.length))) {
            held += want - buf.length;
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /** Bytes were dropped, by the bound or by the shared one. */
    public boolean truncated() {
        return dropped > 0;
    }

    /** Bytes not kept, past the bound or refused by the shared one. */
    public long dropped() {
        return dropped;
    }

    /** The shared bound refused room at least once. */
    public boolean memoryFull() {
        return refused;
    }

    public int length() {
        return length;
    }

    /** The kept bytes; the array may be this buffer's own, so call {@link #release()} rather than append after. */
    public byte[] toArray() {
        return length == buf.length ? buf : Arrays.copyOf(buf, length);
    }

    /** Gives the room this buffer took back to the shared bound; the buffer is empty after. */
    public void release() {
        if (memory != null && held > 0) {
            memory.giveBack(held);
        }
        held = 0;
        buf = NONE;
        length = 0;
    }
}
