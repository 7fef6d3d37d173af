package org.phonehome.detect.scan;

import java.util.List;

/**
 * The tables of a Wu-Manber scan (Wu and Manber, "A fast algorithm for multi-pattern searching", 1994): the
 * {@link #window} is the shortest pattern's length, and the 3-byte gram ending a text window says how far the
 * window can move before a pattern could fit it. In text unlike the patterns most grams appear in none of them,
 * and the scan reads one gram per {@code window - 2} bytes instead of every byte; where a gram ends some pattern's
 * window, the patterns ending their window with it are compared in place.
 *
 * <p>A gram is hashed to 16 bits; a collision only makes a shift smaller (the table keeps the least), never wrong.
 * Immutable once built.
 */
final class SkipTable {
    /** Bytes per gram. */
    static final int GRAM = 3;
    /**
     * Below this shortest pattern the shifts are too short to beat the automaton (at most {@code length - 2}).
     * Profiles' variants are 11 bytes and longer (a phone number's national digits).
     */
    static final int MIN_WINDOW = 8;
    /** Shifts are kept in bytes: a longer window gains nothing measurable. */
    private static final int MAX_WINDOW = 64;
    private static final int BITS = 16;

    /** Bytes of the text window each step looks at: the shortest pattern's length (at most {@link #MAX_WINDOW}). */
    final int window;
    /** Per gram hash: how far the window may move; 0 when some pattern ends its window with that gram. */
    final byte[] shift;
    /** Per gram hash {@code h}: {@code patterns[bucketStart[h] .. bucketStart[h+1])} end their window with it. */
    final int[] bucketStart;
    final int[] bucketPatterns;
    private final byte[][] patterns;

    private SkipTable(int window, byte[] shift, int[] bucketStart, int[] bucketPatterns, byte[][] patterns) {
        this.window = window;
        this.shift = shift;
        this.bucketStart = bucketStart;
        this.bucketPatterns = bucketPatterns;
        this.patterns = patterns;
    }

    /** The tables for {@code patterns}, or null when one is shorter than {@link #MIN_WINDOW} (or there are none). */
    static SkipTable build(List<byte[]> patterns) {
        if (patterns.isEmpty()) {
            return null;
        }
        int m = MAX_WINDOW;
        for (byte[] p : patterns) {
            m = Math.min(m, p.length);
        }
        if (m < MIN_WINDOW) {
            return null;
        }
        byte[] shift = new byte[1 << BITS];
        java.util.Arrays.fill(shift, (byte) (m - GRAM + 1));
        int[] counts = new int[(1 << BITS) + 1];
        for (byte[] p : patterns) {
            for (int j = GRAM - 1; j < m; j++) {
                int h = hash(p[j - 2], p[j - 1], p[j]);
                shift[h] = (byte) Math.min(shift[h], m - 1 - j);
            }
            counts[hash(p[m - 3], p[m - 2], p[m - 1]) + 1]++;
        }
        for (int h = 0; h < 1 << BITS; h++) {
            counts[h + 1] += counts[h];
        }
        int[] bucketStart = counts.clone();
        int[] bucketPatterns = new int[patterns.size()];
        int[] next = counts; // reused as each bucket's fill position
        byte[][] bytes = new byte[patterns.size()][];
        for (int i = 0; i < patterns.size(); i++) {
            byte[] p = patterns.get(i);
            bytes[i] = p;
            bucketPatterns[next[hash(p[m - 3], p[m - 2], p[m - 1])]++] = i;
        }
        return new SkipTable(m, shift, bucketStart, bucketPatterns, bytes);
    }

    /** The 16-bit hash of the gram {@code a b c} (multiplicative: the product's high bits mix all three bytes). */
    static int hash(byte a, byte b, byte c) {
        int v = (a & 0xff) << 16 | (b & 0xff) << 8 | (c & 0xff);
        return (v * 0x9E3779B1) >>> (32 - BITS);
    }

    /**
     * How many leading bytes of pattern {@code p} are at {@code b[start .. limit)}: its length when it is there
     * whole. This is also the work of the comparison, which the scan budgets.
     */
    int matchingPrefix(int p, byte[] b, int start, int limit) {
        byte[] pat = patterns[p];
        int n = Math.min(pat.length, limit - start);
        int k = 0;
        while (k < n && b[start + k] == pat[k]) {
            k++;
        }
        return k;
    }

    long memoryBytes() {
        return shift.length + 4L * bucketStart.length + 4L * bucketPatterns.length;
    }
}
