package org.phonehome.flow;

/**
 * The last bytes a reassembler delivered (a ring indexed by stream offset), kept only to tell whether a
 * retransmission carries the same bytes. Grows by doubling with the data delivered, up to a power-of-two cap,
 * so a flow that sent little holds little.
 */
final class DeliveredHistory {
    /** Smallest ring: below this, growing costs more than it saves. */
    private static final int MIN_RING = 256;

    private final int cap;
    private byte[] ring;
    /** First stream offset whose byte is known (history restarts after a gap). */
    private long validFrom;
    /** Stream offset just after the last remembered byte. */
    private long end;

    DeliveredHistory(int cap, long start) {
        this.cap = cap;
        this.validFrom = start;
        this.end = start;
    }

    /** Forget everything before {@code offset}: the bytes before it were a gap or belong to another numbering. */
    void restartAt(long offset) {
        validFrom = offset;
        end = offset;
    }

    /** Remember {@code len} bytes delivered at stream offset {@link #end}. */
    void append(byte[] data, int off, int len) {
        long known = end - validFrom;
        int want = (int) Math.min(cap, known + len);
        if (ring == null || ring.length < want) {
            grow(want, known);
        }
        int n = Math.min(len, ring.length);
        long pos = end + len - n;
        int src = off + len - n;
        int mask = ring.length - 1;
        int first = Math.min(n, ring.length - (int) (pos & mask));
        System.arraycopy(data, src, ring, (int) (pos & mask), first);
        System.arraycopy(data, src + first, ring, 0, n - first);
        end += len;
    }

    private void grow(int want, long known) {
        int size = Math.max(MIN_RING, Integer.highestOneBit(Math.max(1, want - 1)) << 1);
        size = Math.min(size, cap);
        byte[] next = new byte[size];
        if (ring != null) {
            long keep = Math.min(known, ring.length);
            // Copy in runs that wrap in neither ring.
            for (long o = end - keep; o < end; ) {
                int from = (int) (o & (ring.length - 1));
                int to = (int) (o & (size - 1));
                int n = (int) Math.min(end - o, Math.min(ring.length - from, size - to));
                System.arraycopy(ring, from, next, to, n);
                o += n;
            }
        }
        ring = next;
    }

    /**
     * True when some remembered byte of {@code [start, start + len)} differs from {@code data}; bytes no longer
     * (or never) remembered are not compared.
     */
    boolean differs(long start, byte[] data, int off, int len) {
        if (ring == null) {
            return false;
        }
        long lo = Math.max(start, Math.max(validFrom, end - ring.length));
        long hi = Math.min(start + len, end);
        int mask = ring.length - 1;
        for (long o = lo; o < hi; o++) {
            if (ring[(int) (o & mask)] != data[off + (int) (o - start)]) {
                return true;
            }
        }
        return false;
    }
}
