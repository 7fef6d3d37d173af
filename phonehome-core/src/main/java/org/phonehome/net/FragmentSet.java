package org.phonehome.net;

import java.util.BitSet;
import org.phonehome.capture.AppAttribution;

/**
 * The fragments received so far of one datagram: its payload bytes, which of them are present, and the frames
 * that carried them. Bytes received first win over later overlapping ones.
 */
final class FragmentSet {
    private static final byte[] EMPTY = new byte[0];

    /** Capture time of the first fragment, for the timeout. */
    final long createdNanos;
    /** Frame number of the first frame that carried a fragment. */
    final long firstFrame;
    /** The upper-layer protocol (IPv4), or the first header of the fragmentable part (IPv6, from offset 0); -1 unknown. */
    int protocol;
    /** Frames that carried fragments of it. */
    int frames;
    /** Sum of those frames' wire lengths. */
    long wireBytes;
    /** The first non-null app of those frames. */
    AppAttribution firstApp;
    /** Reassembled payload; valid up to {@link #totalLength} once complete. */
    byte[] data = EMPTY;
    /** Payload length, known once the last fragment (more-fragments clear) arrived; -1 before. */
    int totalLength = -1;
    private final BitSet present = new BitSet();

    FragmentSet(long createdNanos, long firstFrame, int protocol) {
        this.createdNanos = createdNanos;
        this.firstFrame = firstFrame;
        this.protocol = protocol;
    }

    /** Bytes this set holds in memory. */
    long heldBytes() {
        return data.length + (long) present.size() / 8;
    }

    /** Grows the buffer to hold at least {@code needed} bytes, not beyond {@code max}. */
    void ensureCapacity(int needed, int max) {
        if (needed <= data.length) {
            return;
        }
        int capacity = Math.min(max, Math.max(needed, data.length * 2));
        data = java.util.Arrays.copyOf(data, capacity);
    }

    /** Capacity {@link #ensureCapacity} would grow to, to check limits before growing. */
    int capacityFor(int needed, int max) {
        return needed <= data.length ? data.length : Math.min(max, Math.max(needed, data.length * 2));
    }

    /**
     * Copies {@code b[from, to)} to payload offset {@code offset}, keeping bytes already present.
     *
     * @return the number of bytes that were already present
     */
    int add(int offset, byte[] b, int from, int to) {
        int end = offset + (to - from);
        int overlapping = 0;
        int i = offset;
        while (i < end) {
            int held = present.nextSetBit(i);
            int gapEnd = held < 0 || held > end ? end : held;
            if (gapEnd > i) {
                System.arraycopy(b, from + (i - offset), data, i, gapEnd - i);
            }
            if (gapEnd >= end) {
                break;
            }
            int heldEnd = Math.min(end, present.nextClearBit(gapEnd));
            overlapping += heldEnd - gapEnd;
            i = heldEnd;
        }
        if (end > offset) {
            present.set(offset, end);
        }
        return overlapping;
    }

    /** Highest payload offset (exclusive) received so far. */
    int highestReceived() {
        return present.length();
    }

    /** True when the length is known and every byte up to it is present. */
    boolean complete() {
        return totalLength >= 0 && present.nextClearBit(0) >= totalLength;
    }
}
