package org.phonehome.detect.scan;

/**
 * Maps a span of a decoded buffer back to the span of the buffer it was decoded from, so hits can be compared
 * across levels (dedupe) and located in the part's raw bytes.
 */
interface SpanMap {
    /** The parent offset of the child's byte at {@code s}. */
    int start(int s);

    /** The parent offset just after the child's bytes before {@code e} (exclusive end). */
    int end(int e);

    /** True when equal-length child and parent spans hold the same bytes (text decoders: URL, JSON). */
    default boolean byteForByte() {
        return false;
    }

    /** Every child span maps to the whole {@code [start, end)} (compressed streams: no finer mapping exists). */
    static SpanMap whole(int start, int end) {
        return new SpanMap() {
            @Override
            public int start(int s) {
                return start;
            }

            @Override
            public int end(int e) {
                return end;
            }
        };
    }

    /**
     * Child byte {@code k} came from parent characters around {@code start + k * chars / bytes} (base64: 4 per 3,
     * hex: 2 per 1), clamped to {@code [start, end)}.
     */
    static SpanMap scaled(int start, int end, int chars, int bytes) {
        return new SpanMap() {
            @Override
            public int start(int s) {
                return (int) Math.min(end, start + (long) s * chars / bytes);
            }

            @Override
            public int end(int e) {
                return (int) Math.min(end, start + ((long) e * chars + bytes - 1) / bytes);
            }
        };
    }
}
