package org.phonehome.flow;

import org.phonehome.capture.CaptureBuffers;

/**
 * The last bytes a reassembler delivered, kept only to tell whether a retransmission carries the same bytes. Bytes
 * that came from a capture file's buffers are remembered by their place in the file (a run of them per delivered
 * chunk) and read again only when a retransmission overlaps them; others are copied into a ring indexed by stream
 * offset, which grows by doubling with the data copied, up to a power-of-two cap, so a flow that sent little holds
 * little. Copying every byte cost the workers more than anything else in a TLS payload they never read otherwise.
 */
final class DeliveredHistory {
    /** Smallest ring: below this, growing costs more than it saves. */
    private static final int MIN_RING = 256;
    /** Fewest file runs kept: a short flow's few segments. */
    private static final int MIN_RUNS = 8;
    /**
     * Most file runs kept (20 KB): 64 KB of full-size segments need 45; past this many (tiny segments) the oldest
     * runs are forgotten, so the bytes checked are the last 1,024 segments' when fewer than the history's bytes.
     */
    static final int MAX_RUNS = 1024;

    private final int cap;
    private final CaptureBuffers captureBuffers;
    private byte[] ring;
    /** First stream offset whose byte is known (history restarts after a gap). */
    private long validFrom;
    /** Stream offset just after the last remembered byte. */
    private long end;
    /**
     * First stream offset whose copied byte the ring still holds: growing it keeps only the latest offsets, and
     * bytes between copies that were remembered as file runs are not in the old ring to carry over.
     */
    private long ringFrom;
    /** Runs of delivered bytes that are in the capture file, oldest first, in a ring of their own. */
    private long[] runStart;
    private int[] runLength;
    private long[] runFileOffset;
    private int runFirst;
    private int runCount;

    DeliveredHistory(int cap, long start) {
        this(cap, start, null);
    }

    DeliveredHistory(int cap, long start, CaptureBuffers captureBuffers) {
        this.cap = cap;
        this.validFrom = start;
        this.end = start;
        this.ringFrom = start;
        this.captureBuffers = captureBuffers;
    }

    /** Forget everything before {@code offset}: the bytes before it were a gap or belong to another numbering. */
    void restartAt(long offset) {
        validFrom = offset;
        end = offset;
        ringFrom = offset;
        runCount = 0;
    }

    /** Remember {@code len} bytes delivered at stream offset {@link #end}. */
    void append(byte[] data, int off, int len) {
        long at = captureBuffers == null ? -1 : captureBuffers.fileOffset(data, off);
        if (at >= 0) {
            addRun(end, len, at);
        } else {
            copy(data, off, len);
        }
        end += len;
        dropRunsBefore(end - cap);
    }

    private void copy(byte[] data, int off, int len) {
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
    }

    private void addRun(long start, int len, long fileOffset) {
        if (runStart == null || runCount == runStart.length) {
            if (runStart != null && runStart.length == MAX_RUNS) {
                // Forget the oldest run, and with it everything before its end: its bytes are no longer known.
                validFrom = Math.max(validFrom, runStart[runFirst] + runLength[runFirst]);
                runFirst = (runFirst + 1) % MAX_RUNS;
                runCount--;
            } else {
                growRuns();
            }
        }
        int i = (runFirst + runCount) % runStart.length;
        runStart[i] = start;
        runLength[i] = len;
        runFileOffset[i] = fileOffset;
        runCount++;
    }

    private void growRuns() {
        int size = runStart == null ? MIN_RUNS : runStart.length * 2;
        long[] starts = new long[size];
        int[] lengths = new int[size];
        long[] offsets = new long[size];
        for (int k = 0; k < runCount; k++) {
            int i = (runFirst + k) % runStart.length;
            starts[k] = runStart[i];
            lengths[k] = runLength[i];
            offsets[k] = runFileOffset[i];
        }
        runStart = starts;
        runLength = lengths;
        runFileOffset = offsets;
        runFirst = 0;
    }

    private void dropRunsBefore(long offset) {
        while (runCount > 0 && runStart[runFirst] + runLength[runFirst] <= offset) {
            runFirst = (runFirst + 1) % runStart.length;
            runCount--;
        }
    }

    private void grow(int want, long known) {
        int size = Math.max(MIN_RING, Integer.highestOneBit(Math.max(1, want - 1)) << 1);
        size = Math.min(size, cap);
        byte[] next = new byte[size];
        long keep = ring == null ? 0 : Math.min(known, ring.length);
        ringFrom = Math.max(ringFrom, end - keep);
        if (ring != null) {
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
     * (or never) remembered are not compared, nor are bytes the capture file no longer holds.
     */
    boolean differs(long start, byte[] data, int off, int len) {
        long lo = Math.max(start, Math.max(validFrom, end - cap));
        long hi = Math.min(start + len, end);
        long cursor = lo;
        for (int k = 0; k < runCount && cursor < hi; k++) {
            int i = (runFirst + k) % runStart.length;
            long runFrom = runStart[i];
            long runTo = runFrom + runLength[i];
            if (runTo <= cursor) {
                continue;
            }
            if (ringDiffers(cursor, Math.min(runFrom, hi), start, data, off)) {
                return true;
            }
            long from = Math.max(cursor, runFrom);
            long to = Math.min(runTo, hi);
            if (from < to && fileDiffers(runFileOffset[i] + (from - runFrom), from, (int) (to - from), start, data,
                    off)) {
                return true;
            }
            cursor = Math.max(cursor, to);
        }
        return ringDiffers(cursor, hi, start, data, off);
    }

    /** Compares the copied bytes of {@code [from, to)} that the ring still holds. */
    private boolean ringDiffers(long from, long to, long start, byte[] data, int off) {
        if (ring == null) {
            return false;
        }
        int mask = ring.length - 1;
        for (long o = Math.max(from, Math.max(ringFrom, end - ring.length)); o < to; o++) {
            if (ring[(int) (o & mask)] != data[off + (int) (o - start)]) {
                return true;
            }
        }
        return false;
    }

    private boolean fileDiffers(long fileOffset, long from, int n, long start, byte[] data, int off) {
        byte[] was = new byte[n];
        if (!captureBuffers.read(fileOffset, was, 0, n)) {
            return false;
        }
        int at = off + (int) (from - start);
        return !java.util.Arrays.equals(was, 0, n, data, at, at + n);
    }
}
