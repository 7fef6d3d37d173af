package org.phonehome.detect.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.phonehome.detect.IdentifierVariant;

/**
 * Finds every occurrence of many byte strings at once: an Aho-Corasick automaton over bytes, compiled once from a
 * profile's {@link IdentifierVariant}s and then shared (immutable, thread-safe).
 *
 * <p><b>Table layout, and why.</b> The shallowest states (at most {@link #MAX_DENSE_STATES}, in breadth-first
 * order) get a full 256-entry row, so the hot loop is one table lookup and one sign test per byte: no byte-to-class
 * map (an alphabet-reduced table would be smaller per row but adds a second dependent load per byte), and no
 * separate output test (an entry is negative exactly when its target reports something or is deep). Text without
 * matches keeps the automaton within depth 2 or 3 almost always, which the dense rows cover; deeper states,
 * reached only while the text really follows a pattern's prefix, are stored sparsely (children + failure link),
 * so memory grows with the total pattern length, not with states x 256. 3,000 patterns of 8 to 64 bytes take
 * about 4 MB and compile in tens of milliseconds.
 *
 * <p><b>Boundaries.</b> A variant with {@code boundary=true} is reported only when the byte before it is not in
 * {@link CharClass#left} of the variant and the byte after it is not in {@link CharClass#right}; the bytes outside
 * the scanned region count as boundaries.
 *
 * <p><b>Skipping.</b> When every variant is at least {@link SkipTable#MIN_WINDOW} bytes long (as a profile's are),
 * a scan skips through the text Wu-Manber style ({@link SkipTable}) instead of stepping the automaton over every
 * byte, and compares the few variants a window could hold in place. The comparisons are budgeted: text that keeps
 * hitting candidates (a long run of one byte that variants begin with) hands the rest of the range to the
 * automaton, so no text costs much more than the automaton's one step per byte.
 *
 * <p>Empty variants never match. Variants with equal bytes are all reported, each with its own index.
 */
public final class ByteMatcher {
    /**
     * 2048 dense rows = 2 MiB: covers the root, every depth-1 state and (for a profile of ~2-3k variants over the
     * ASCII letters and digits) most depth-2 states, which is where a scan of non-matching text stays.
     */
    public static final int MAX_DENSE_STATES = 2048;
    /** Interleaved lanes of a long scan (see {@link #scanLanes}); the loop is written for exactly four. */
    static final int LANES = 4;
    /**
     * 256 bytes: below this, setting up lanes costs more than it saves. A range is also scanned in lanes only when
     * each quarter is at least as long as the longest pattern, the most a lane reads past its quarter: on ~1 KB
     * HTTP messages the lanes, even overlapping that much, scan about 2.5 times faster than one chain of loads.
     */
    static final int LANES_MIN_BYTES = 256;

    private final List<IdentifierVariant> variants;
    private final Automaton automaton;
    private final int[] length;
    private final int[] leftMask;
    private final int[] rightMask;
    private final int maxLength;
    private final int minLength;
    /** The skip tables, or null when a variant is too short for them (then every scan steps the automaton). */
    private final SkipTable skip;

    private ByteMatcher(List<IdentifierVariant> variants, int maxDenseStates, boolean skipping) {
        this.variants = List.copyOf(variants);
        int n = this.variants.size();
        List<byte[]> patterns = new ArrayList<>(n);
        length = new int[n];
        leftMask = new int[n];
        rightMask = new int[n];
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            IdentifierVariant v = this.variants.get(i);
            patterns.add(v.bytes());
            length[i] = v.bytes().length;
            leftMask[i] = CharClass.left(v).bit();
            rightMask[i] = CharClass.right(v).bit();
            max = Math.max(max, length[i]);
            min = Math.min(min, length[i]);
        }
        maxLength = max;
        minLength = min;
        automaton = Automaton.build(patterns, maxDenseStates);
        skip = skipping ? SkipTable.build(patterns) : null;
    }

    /** Compiles the variants; pattern indexes in matches are indexes into this list. */
    public static ByteMatcher compile(List<IdentifierVariant> variants) {
        return new ByteMatcher(variants, MAX_DENSE_STATES, true);
    }

    /** As {@link #compile(List)} with another dense-row budget (tests and measurements). */
    static ByteMatcher compile(List<IdentifierVariant> variants, int maxDenseStates) {
        return new ByteMatcher(variants, maxDenseStates, true);
    }

    /** As {@link #compile(List, int)}, stepping the automaton over every byte (tests and measurements). */
    static ByteMatcher compileWithoutSkipping(List<IdentifierVariant> variants, int maxDenseStates) {
        return new ByteMatcher(variants, maxDenseStates, false);
    }

    /** As {@link #compile(List)}, stepping the automaton over every byte: the baseline of the kernel benchmark. */
    public static ByteMatcher compileWithoutSkipping(List<IdentifierVariant> variants) {
        return new ByteMatcher(variants, MAX_DENSE_STATES, false);
    }

    /** Whether scans skip through text ({@link SkipTable}) rather than step the automaton over every byte. */
    boolean skips() {
        return skip != null;
    }

    /** The variants, in the order their indexes refer to. */
    public List<IdentifierVariant> variants() {
        return variants;
    }

    /** The length in bytes of the variant at {@code index}. */
    int length(int index) {
        return length[index];
    }

    /** The longest variant's length in bytes. */
    public int maxLength() {
        return maxLength;
    }

    /** The shortest variant's length in bytes; {@link Integer#MAX_VALUE} without variants. */
    public int minLength() {
        return minLength;
    }

    /** Approximate heap bytes of the automaton's and skip tables. */
    public long memoryBytes() {
        return automaton.memoryBytes() + (skip == null ? 0 : skip.memoryBytes());
    }

    /** States of the automaton (root included). */
    public int states() {
        return automaton.states;
    }

    /**
     * Reports every occurrence of every variant in {@code b[off .. off+len)}, overlapping ones included, each exactly
     * once, in no particular order (long ranges are scanned as interleaved lanes, see {@link #LANES}).
     *
     * @throws IndexOutOfBoundsException when the range is not inside {@code b} (a caller's bug, not bad input)
     */
    public void scan(byte[] b, int off, int len, MatchSink sink) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (maxLength == 0) {
            // No variant (an audit without a device profile) or only empty ones: nothing can match, and stepping
            // the empty automaton over every byte was a fifth of such an audit of cleartext HTTP.
            return;
        }
        int end = off + len;
        if (skip != null) {
            skipScan(b, off, end, sink);
        } else if (len >= LANES_MIN_BYTES && len / LANES >= maxLength) {
            scanLanes(b, off, end, sink);
        } else {
            run(b, off, end, off, end, end, 0, end, sink);
        }
    }

    /**
     * The Wu-Manber scan of {@code b[from .. to)} ({@link SkipTable}). Each step is a chain of dependent loads (the
     * gram at the window's end, then its shift, then the next window), so, as the automaton's, a long range is
     * split into four lanes stepped together: lane {@code j} takes the windows ending in its quarter of the range.
     */
    private void skipScan(byte[] b, int from, int to, MatchSink sink) {
        final SkipTable t = skip;
        final byte[] shift = t.shift;
        final int first = from + t.window - 1; // the first window's last byte
        int n = to - first;
        if (n <= 0) {
            return;
        }
        if (n < LANES_MIN_BYTES) {
            skipLane(b, from, to, first, to, sink);
            return;
        }
        int q = n / LANES;
        int p0 = first;
        int p1 = first + q;
        int p2 = first + 2 * q;
        int p3 = first + 3 * q;
        final int e0 = p1;
        final int e1 = p2;
        final int e2 = p3;
        final int e3 = to;
        int c0 = 0;
        int c1 = 0;
        int c2 = 0;
        int c3 = 0;
        while (p0 < e0 && p1 < e1 && p2 < e2 && p3 < e3) {
            int s0 = shift[SkipTable.hash(b[p0 - 2], b[p0 - 1], b[p0])];
            int s1 = shift[SkipTable.hash(b[p1 - 2], b[p1 - 1], b[p1])];
            int s2 = shift[SkipTable.hash(b[p2 - 2], b[p2 - 1], b[p2])];
            int s3 = shift[SkipTable.hash(b[p3 - 2], b[p3 - 1], b[p3])];
            if (s0 != 0 && s1 != 0 && s2 != 0 && s3 != 0) {
                p0 += s0;
                p1 += s1;
                p2 += s2;
                p3 += s3;
                continue;
            }
            // Some window may hold a variant: compare its candidates; a lane over its budget goes to the automaton.
            if (s0 == 0) {
                c0 = candidates(b, from, to, p0, c0, first, sink);
                p0 = c0 < 0 ? handOver(b, from, to, p0, e0, sink) : p0 + 1;
            } else {
                p0 += s0;
            }
            if (s1 == 0) {
                c1 = candidates(b, from, to, p1, c1, e0, sink);
                p1 = c1 < 0 ? handOver(b, from, to, p1, e1, sink) : p1 + 1;
            } else {
                p1 += s1;
            }
            if (s2 == 0) {
                c2 = candidates(b, from, to, p2, c2, e1, sink);
                p2 = c2 < 0 ? handOver(b, from, to, p2, e2, sink) : p2 + 1;
            } else {
                p2 += s2;
            }
            if (s3 == 0) {
                c3 = candidates(b, from, to, p3, c3, e2, sink);
                p3 = c3 < 0 ? handOver(b, from, to, p3, e3, sink) : p3 + 1;
            } else {
                p3 += s3;
            }
        }
        skipLane(b, from, to, p0, e0, sink);
        skipLane(b, from, to, p1, e1, sink);
        skipLane(b, from, to, p2, e2, sink);
        skipLane(b, from, to, p3, e3, sink);
    }

    /** The windows ending in {@code [pos, end)}, one step at a time. */
    private void skipLane(byte[] b, int from, int to, int pos, int end, MatchSink sink) {
        final byte[] shift = skip.shift;
        final int laneStart = pos;
        int compared = 0;
        while (pos < end) {
            int s = shift[SkipTable.hash(b[pos - 2], b[pos - 1], b[pos])];
            if (s != 0) {
                pos += s;
                continue;
            }
            compared = candidates(b, from, to, pos, compared, laneStart, sink);
            if (compared < 0) {
                handOver(b, from, to, pos, end, sink);
                return;
            }
            pos++;
        }
    }

    /**
     * Compares the variants that end their window with the gram ending at {@code pos} against the window starting
     * at {@code pos - window + 1}, and reports those present. Returns the bytes compared in this lane so far, or
     * -1, without comparing, once they are more than the lane's bytes so far (plus a head start): text made of
     * candidates (a long run of a byte the variants are made of) is then the automaton's, whose work is one step
     * per byte. So a lane costs at most about twice the automaton's work, and one bucket.
     */
    private int candidates(byte[] b, int from, int to, int pos, int compared, int laneStart, MatchSink sink) {
        if (compared > 1024 + (pos - laneStart)) {
            return -1;
        }
        final SkipTable t = skip;
        int h = SkipTable.hash(b[pos - 2], b[pos - 1], b[pos]);
        int start = pos - t.window + 1;
        for (int k = t.bucketStart[h], e = t.bucketStart[h + 1]; k < e; k++) {
            int p = t.bucketPatterns[k];
            int same = t.matchingPrefix(p, b, start, to);
            compared += same + 1;
            if (same == length[p] && passesBoundary(p, b, from, to, start + same)) {
                sink.match(p, start + same);
            }
        }
        return compared;
    }

    /**
     * Hands the windows ending in {@code [pos, end)} to the automaton: it starts at the first of them and reports
     * the matches starting in them. Returns {@code end}.
     */
    private int handOver(byte[] b, int from, int to, int pos, int end, MatchSink sink) {
        int start = pos - skip.window + 1;
        int hi = end - skip.window + 1;
        int e = (int) Math.min(to, (long) hi + maxLength - 1);
        run(b, from, to, start, e, e, 0, hi, sink);
        return end;
    }

    /**
     * Scans {@code b[i .. e)} from shifted dense state {@code s}, at least up to {@code stop} and on while the
     * automaton is in a deep state, reporting matches that start before {@code hi}; {@code from, to} is the whole
     * region (for boundaries). Returns {@code (position << 32) | shifted state}.
     */
    private long run(byte[] b, int from, int to, int i, int e, int stop, int s, int hi, MatchSink sink) {
        final int[] dense = automaton.dense;
        final int denseStates = automaton.denseStates;
        while (i < stop) {
            int t = dense[s | (b[i++] & 0xff)];
            if (t >= 0) {
                s = t;
                continue;
            }
            int st = ~t;
            if (automaton.hasOutput[st]) {
                emit(st, b, from, to, i, hi, sink);
            }
            while (st >= denseStates) {
                if (i >= e) {
                    return (long) i << 32; // the lane is over: its state no longer matters
                }
                st = automaton.step(st, b[i++] & 0xff);
                if (automaton.hasOutput[st]) {
                    emit(st, b, from, to, i, hi, sink);
                }
            }
            s = st << 8;
        }
        return ((long) i << 32) | s;
    }

    /**
     * The automaton's next state depends on the previous one, so a single scan is bound by the latency of one
     * load per byte. Four lanes over four quarters of the range, stepped together, give the CPU four independent
     * chains. Lane {@code j} owns the matches starting in its quarter and reads on {@code maxLength - 1} bytes past
     * it to finish them; it starts at the root, so it cannot report a match starting before its quarter.
     */
    private void scanLanes(byte[] b, int from, int to, MatchSink sink) {
        final int[] dense = automaton.dense;
        int chunk = (to - from) / LANES;
        int[] pos = new int[LANES];
        int[] st = new int[LANES];
        int[] hi = new int[LANES];
        int[] e = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            pos[j] = from + j * chunk;
            hi[j] = j == LANES - 1 ? to : pos[j] + chunk;
            e[j] = (int) Math.min(to, (long) hi[j] + maxLength - 1);
        }
        while (true) {
            int steps = Math.min(Math.min(e[0] - pos[0], e[1] - pos[1]), Math.min(e[2] - pos[2], e[3] - pos[3]));
            if (steps <= 0) {
                break;
            }
            int p0 = pos[0];
            int p1 = pos[1];
            int p2 = pos[2];
            int p3 = pos[3];
            int s0 = st[0];
            int s1 = st[1];
            int s2 = st[2];
            int s3 = st[3];
            int k = 0;
            for (; k < steps; k++) {
                int t0 = dense[s0 | (b[p0 + k] & 0xff)];
                int t1 = dense[s1 | (b[p1 + k] & 0xff)];
                int t2 = dense[s2 | (b[p2 + k] & 0xff)];
                int t3 = dense[s3 | (b[p3 + k] & 0xff)];
                if ((t0 | t1 | t2 | t3) < 0) {
                    break;
                }
                s0 = t0;
                s1 = t1;
                s2 = t2;
                s3 = t3;
            }
            pos[0] = p0 + k;
            pos[1] = p1 + k;
            pos[2] = p2 + k;
            pos[3] = p3 + k;
            st[0] = s0;
            st[1] = s1;
            st[2] = s2;
            st[3] = s3;
            if (k < steps) { // some lane met a state with output or a deep state: step each lane by itself
                for (int j = 0; j < LANES; j++) {
                    long r = run(b, from, to, pos[j], e[j], pos[j] + 1, st[j], hi[j], sink);
                    pos[j] = (int) (r >>> 32);
                    st[j] = (int) r;
                }
            }
        }
        for (int j = 0; j < LANES; j++) {
            if (pos[j] < e[j]) {
                run(b, from, to, pos[j], e[j], e[j], st[j], hi[j], sink);
            }
        }
    }

    /** Reports the patterns of state {@code st} ending at {@code at}, starting before {@code hi}, that pass their
     * boundary rule. */
    private void emit(int st, byte[] b, int from, int to, int at, int hi, MatchSink sink) {
        for (int x = st; x >= 0; x = automaton.dictLink[x]) {
            for (int k = automaton.outStart[x], e = automaton.outStart[x + 1]; k < e; k++) {
                int p = automaton.outPatterns[k];
                if (at - length[p] < hi && passesBoundary(p, b, from, to, at)) {
                    sink.match(p, at);
                }
            }
        }
    }

    private boolean passesBoundary(int p, byte[] b, int from, int to, int at) {
        int start = at - length[p];
        if (leftMask[p] != 0 && start > from && (CharClass.members(b[start - 1]) & leftMask[p]) != 0) {
            return false;
        }
        return rightMask[p] == 0 || at >= to || (CharClass.members(b[at]) & rightMask[p]) == 0;
    }
}
