package org.phonehome.proto.http;

import java.util.Arrays;

/** A growable byte buffer that keeps at most a bound and counts what it dropped. */
final class BoundedBytes {

    private static final byte[] NONE = new byte[0];
    /** 1 MiB: a size a peer announces is reserved only up to this, so a false one costs little. */
    static final int MAX_RESERVED = 1 << 20;

    private final int max;
    private byte[] buf = NONE;
    private int length;
    private long dropped;

    BoundedBytes(int max) {
        this.max = max;
    }

    void append(byte[] b, int from, int n) {
        int keep = (int) Math.min(n, (long) max - length);
        if (keep > 0) {
            if (length + keep > buf.length) {
                long grown = Math.max((long) length + keep, Math.max(256L, (long) buf.length * 2));
                buf = Arrays.copyOf(buf, (int) Math.min(grown, max));
            }
            System.arraycopy(b, from, buf, length, keep);
            length += keep;
        }
        dropped += n - keep;
    }

    /**
     * Makes room for {@code n} bytes now (at most {@link #MAX_RESERVED}, and never past the bound), when the size
     * is announced: growing by doubling would copy the body several times.
     */
    void reserve(long n) {
        long want = Math.min(Math.min(n, MAX_RESERVED), max);
        if (want > buf.length) {
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    boolean truncated() {
        return dropped > 0;
    }

    int length() {
        return length;
    }

    byte[] toArray() {
        return length == buf.length ? buf : Arrays.copyOf(buf, length);
    }
}
