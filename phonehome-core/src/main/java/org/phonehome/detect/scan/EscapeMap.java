package org.phonehome.detect.scan;

import java.util.Arrays;

/**
 * The {@link SpanMap} of a text decoder that copies most bytes and shrinks escapes ({@code %41} to {@code A}):
 * only the escapes are recorded, so the map costs memory in proportion to the escapes, not to the text.
 */
final class EscapeMap implements SpanMap {
    private final int[] outStart;
    private final int[] outLen;
    private final int[] inStart;
    private final int[] inLen;
    private final int count;

    private EscapeMap(Builder b) {
        this.outStart = b.outStart;
        this.outLen = b.outLen;
        this.inStart = b.inStart;
        this.inLen = b.inLen;
        this.count = b.count;
    }

    @Override
    public boolean byteForByte() {
        return true;
    }

    @Override
    public int start(int s) {
        int k = last(s);
        if (k < 0) {
            return s;
        }
        if (s < outStart[k] + outLen[k]) {
            return inStart[k];
        }
        return inStart[k] + inLen[k] + (s - outStart[k] - outLen[k]);
    }

    @Override
    public int end(int e) {
        if (e <= 0) {
            return start(0);
        }
        int k = last(e - 1);
        if (k >= 0 && e - 1 < outStart[k] + outLen[k]) {
            return inStart[k] + inLen[k];
        }
        return start(e - 1) + 1;
    }

    /** The last escape whose output starts at or before {@code o}, or -1. */
    private int last(int o) {
        int k = Arrays.binarySearch(outStart, 0, count, o);
        if (k >= 0) {
            return k;
        }
        return -k - 2;
    }

    /** Records escapes in output order. */
    static final class Builder {
        private int[] outStart = new int[8];
        private int[] outLen = new int[8];
        private int[] inStart = new int[8];
        private int[] inLen = new int[8];
        private int count;

        /** Input bytes {@code [in, in+inLength)} became output bytes {@code [out, out+outLength)}. */
        void add(int out, int outLength, int in, int inLength) {
            if (count == outStart.length) {
                int n = count * 2;
                outStart = Arrays.copyOf(outStart, n);
                outLen = Arrays.copyOf(outLen, n);
                inStart = Arrays.copyOf(inStart, n);
                inLen = Arrays.copyOf(inLen, n);
            }
            outStart[count] = out;
            outLen[count] = outLength;
            inStart[count] = in;
            inLen[count] = inLength;
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }

        EscapeMap build() {
            return new EscapeMap(this);
        }
    }
}
