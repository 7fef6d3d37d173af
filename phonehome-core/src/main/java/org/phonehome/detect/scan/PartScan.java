package org.phonehome.detect.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.phonehome.Counters;
import org.phonehome.detect.IdentifierVariant;

/**
 * The scan of one part value: levels taken from an explicit stack (depth-first, bounded by
 * {@link ScanLimits#maxDepth()}: no recursion), each matched, then opened. Reused part after part
 * ({@link #reset}), one part at a time.
 */
final class PartScan {
    /** Decoder tags of {@link Level#opened}. */
    private static final int TAG_BASE64 = 0;
    private static final int TAG_HEX = 1;
    private static final int TAG_STREAM = 2;
    /** The end recorded for compressed streams, known only after inflating: they are keyed by start. */
    private static final int ANY_END = Integer.MAX_VALUE;

    private final ByteMatcher matcher;
    private final ScanLimits limits;
    private Counters anomalies;
    private final DecodeBudget budget;
    /** The levels still to scan; reused part after part. */
    private final Deque<Level> stack = new ArrayDeque<>();
    private final List<Hit> hits = new ArrayList<>();
    /** Where each hit of {@link #hits} was kept, for the sibling dedupe. */
    private final List<Level> hitLevels = new ArrayList<>();
    /** Finds the runs of each level in one pass (reused level after level). */
    private final RunFinder runFinder;
    /** Inflaters and buffers reused by every stream of the part. */
    private final CompressedStreams streams = new CompressedStreams();
    /** The matches of the level being matched: {@code start << 32 | pattern}; reused level after level. */
    private long[] found = new long[16];
    private int foundCount;
    private boolean foundOverflow;
    private final int foundCap;
    private final MatchSink sink = this::found;
    private boolean stopped;

    PartScan(ByteMatcher matcher, ScanLimits limits, Counters anomalies) {
        this.matcher = matcher;
        this.limits = limits;
        this.runFinder = new RunFinder(limits.minBase64Run(), limits.minHexRun());
        this.foundCap = Math.max(16, 2 * limits.maxHitsPerPart());
        this.budget = new DecodeBudget(limits.maxDecodedBytes(), anomalies);
        reset(anomalies);
    }

    /** Readies this scan for the next part, counting into {@code partAnomalies}; what it allocated is kept. */
    void reset(Counters partAnomalies) {
        this.anomalies = partAnomalies;
        budget.reset(limits.maxDecodedBytes(), partAnomalies);
        hits.clear();
        hitLevels.clear();
        foundCount = 0;
        foundOverflow = false;
        stopped = false;
    }

    /**
     * The hits, after dropping those that are the same occurrence as a hit with fewer layers found through
     * another path (sibling levels): same ref, spans overlapping once mapped to the deepest level both came from.
     * Two hits of one level are never merged.
     */
    List<Hit> hits() {
        if (hits.size() < 2) {
            return List.copyOf(hits); // nothing to dedupe
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Integer.compare(hits.get(x).layers().size(), hits.get(y).layers().size()));
        List<Integer> kept = new ArrayList<>();
        boolean[] keep = new boolean[hits.size()];
        for (int i : order) {
            boolean duplicate = false;
            for (int j : kept) {
                if (sameOccurrence(i, j)) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(i);
                keep[i] = true;
            }
        }
        List<Hit> out = new ArrayList<>(kept.size());
        for (int i = 0; i < hits.size(); i++) {
            if (keep[i]) {
                out.add(hits.get(i));
            }
        }
        return out;
    }

    private boolean sameOccurrence(int i, int j) {
        Level a = hitLevels.get(i);
        Level b = hitLevels.get(j);
        Hit x = hits.get(i);
        Hit y = hits.get(j);
        if (a == b || !java.util.Objects.equals(x.variant().ref(), y.variant().ref())) {
            return false;
        }
        int[] sa = {x.offset(), x.offset() + x.length()};
        int[] sb = {y.offset(), y.offset() + y.length()};
        while (a.depth > b.depth) {
            a = up(a, sa);
        }
        while (b.depth > a.depth) {
            b = up(b, sb);
        }
        while (a != b) {
            a = up(a, sa);
            b = up(b, sb);
        }
        return sa[0] < Math.max(sb[1], sb[0] + 1) && sb[0] < Math.max(sa[1], sa[0] + 1);
    }

    /** Maps {@code span} from {@code level} to its parent, which it returns. */
    private static Level up(Level level, int[] span) {
        int s = level.map.start(span[0]);
        span[1] = level.map.end(span[1]);
        span[0] = s;
        return level.parent;
    }

    void run(byte[] value, List<String> partLayers, boolean formContext) {
        Deque<Level> stack = this.stack;
        stack.clear();
        try {
            stack.push(new Level(null, null, List.copyOf(partLayers), 0, value));
            while (!stack.isEmpty() && !stopped) {
                Level level = stack.pop();
                match(level);
                if (stopped) {
                    break;
                }
                List<Level> children = open(level, formContext && level.depth == 0);
                for (int k = children.size() - 1; k >= 0; k--) {
                    stack.push(children.get(k));
                }
                level.bytes = null;
            }
        } finally {
            stack.clear(); // a stopped scan leaves levels behind: they must not hold their bytes
            streams.close();
        }
    }

    // --- matching and dedupe ---

    private void match(Level level) {
        byte[] b = level.bytes;
        List<IdentifierVariant> variants = matcher.variants();
        foundCount = 0;
        foundOverflow = false;
        matcher.scan(b, 0, b.length, sink);
        long[] found = this.found;
        int count = foundCount;
        Arrays.sort(found, 0, count);
        if (foundOverflow) {
            anomalies.increment(ScanAnomalies.HITS_LIMIT);
        }
        for (int k = 0; k < count; k++) {
            int start = (int) (found[k] >>> 32);
            int p = (int) found[k];
            IdentifierVariant v = variants.get(p);
            int end = start + v.bytes().length;
            if (seenOutside(level, start, end, v.ref())) {
                continue;
            }
            if (hits.size() >= limits.maxHitsPerPart()) {
                anomalies.increment(ScanAnomalies.HITS_LIMIT);
                stopped = true;
                return;
            }
            level.keep(start, end, v.ref());
            hits.add(hit(level, v, p, start, end));
            hitLevels.add(level);
        }
    }

    /** One match of {@link #match}: kept as {@code start << 32 | pattern}, at most {@link #foundCap}. */
    private void found(int p, int end) {
        if (foundCount == foundCap) {
            foundOverflow = true;
            return;
        }
        if (foundCount == found.length) {
            found = Arrays.copyOf(found, Math.min(foundCap, foundCount * 2));
        }
        found[foundCount++] = (long) (end - matcher.length(p)) << 32 | p;
    }

    /**
     * True when an ancestor level kept a hit of the same profile value ({@code ref}) over the bytes this span was
     * decoded from: the same occurrence, already reported with fewer layers.
     */
    private boolean seenOutside(Level level, int start, int end, String ref) {
        int a = start;
        int z = end;
        for (Level cur = level; cur.parent != null; cur = cur.parent) {
            int pa = cur.map.start(a);
            int pz = cur.map.end(z);
            a = pa;
            z = pz;
            if (cur.parent.hasHit(a, z, ref, false, matcher.maxLength())) {
                return true;
            }
        }
        return false;
    }

    private Hit hit(Level level, IdentifierVariant v, int p, int start, int end) {
        byte[] b = level.bytes;
        int from = Math.max(0, start - limits.contextBytes());
        int to = (int) Math.min(b.length, (long) end + limits.contextBytes());
        int a = start;
        int z = end;
        for (Level cur = level; cur.parent != null; cur = cur.parent) {
            int pa = cur.map.start(a);
            z = cur.map.end(z);
            a = pa;
        }
        return new Hit(v, p, level.layers, start, end - start, Arrays.copyOfRange(b, from, to), start - from,
                level.depth == 0, a, Math.max(0, z - a));
    }

    // --- opening containers ---

    private List<Level> open(Level level, boolean formContext) {
        byte[] b = level.bytes;
        if (limits.maxDepth() == 0) {
            return List.of(); // asked for a top-level scan only: nothing to open, nothing to report
        }
        if (level.depth >= limits.maxDepth()) {
            if (anythingToOpen(level, formContext)) {
                anomalies.increment(ScanAnomalies.DEPTH_LIMIT);
            }
            return List.of();
        }
        RunFinder f = runFinder;
        f.find(b);
        if (!f.mayUrlDecode(formContext) && !f.mayJsonUnescape() && f.base64.isEmpty() && f.hex.isEmpty()
                && !f.mayHaveStream()) {
            return List.of(); // most levels: nothing that could be opened
        }
        Runs runs = new Runs(level);
        if (f.mayUrlDecode(formContext) && !level.hasHit(0, b.length, null, true, matcher.maxLength())
                && UrlDecoder.applies(b, formContext, f.urlFrom(formContext)) && runs.take()) {
            runs.add(UrlDecoder.decode(b, formContext, budget));
        }
        if (f.mayJsonUnescape() && !level.hasHit(0, b.length, null, true, matcher.maxLength())
                && JsonUnescaper.applies(b, f.firstBackslash) && runs.take()) {
            runs.add(JsonUnescaper.decode(b, budget));
        }
        for (int k = 0; k < f.base64.size(); k++) {
            Base64Runs.Run r = f.base64.get(k);
            if (openable(level, TAG_BASE64, r.start(), r.dataEnd()) && runs.take()) {
                level.opened(TAG_BASE64, r.start(), r.dataEnd());
                runs.add(Base64Runs.decode(b, r, budget));
            }
        }
        for (int k = 0; k < f.hex.size(); k++) {
            HexRuns.Run r = f.hex.get(k);
            if (openable(level, TAG_HEX, r.start(), r.end()) && runs.take()) {
                level.opened(TAG_HEX, r.start(), r.end());
                runs.add(HexRuns.decode(b, r, budget));
            }
        }
        if (f.mayHaveStream()) {
            for (int i = CompressedStreams.nextHeader(b, f.firstHeader); i >= 0; i = CompressedStreams.nextHeader(b, i + 1)) {
                if (openable(level, TAG_STREAM, i, ANY_END)) {
                    if (!runs.take()) {
                        break;
                    }
                    DecodedRun d = streams.inflate(b, i, limits, budget);
                    if (d != null) {
                        level.opened(TAG_STREAM, i, ANY_END);
                        runs.add(d);
                        if (d.end() >= b.length) {
                            break;
                        }
                        i = d.end() - 1;
                    }
                }
            }
        }
        return runs.children;
    }

    /**
     * A run is not opened when it lies inside a hit at its level (it is that identifier's encoded form: the hit
     * already says so), or when a byte-for-byte identical run was already opened at an ancestor reached through
     * URL/JSON unescaping only (it would be found again with one more layer).
     */
    private boolean openable(Level level, int tag, int start, int end) {
        if (level.hasHit(start, end == ANY_END ? start + 1 : end, null, true, matcher.maxLength())) {
            return false;
        }
        int a = start;
        int z = end;
        for (Level cur = level; cur.parent != null && cur.map.byteForByte(); cur = cur.parent) {
            int pa = cur.map.start(a);
            int pz = end == ANY_END ? ANY_END : cur.map.end(z);
            if (end != ANY_END && pz - pa != z - a) {
                return true; // escapes inside the run: the parent saw other bytes
            }
            a = pa;
            z = pz;
            if (cur.parent.wasOpened(tag, a, z)) {
                return false;
            }
        }
        return true;
    }

    private boolean anythingToOpen(Level level, boolean formContext) {
        byte[] b = level.bytes;
        RunFinder f = runFinder;
        f.find(b);
        if (f.mayUrlDecode(formContext) && UrlDecoder.applies(b, formContext, f.urlFrom(formContext))
                || f.mayJsonUnescape() && JsonUnescaper.applies(b, f.firstBackslash)) {
            return true;
        }
        for (Base64Runs.Run r : f.base64) {
            if (openable(level, TAG_BASE64, r.start(), r.dataEnd())) {
                return true;
            }
        }
        for (HexRuns.Run r : f.hex) {
            if (openable(level, TAG_HEX, r.start(), r.end())) {
                return true;
            }
        }
        return f.mayHaveStream() && CompressedStreams.nextHeader(b, f.firstHeader) >= 0;
    }

    /** The children of one level, and its {@link ScanLimits#maxRunsPerLevel()} allowance. */
    private final class Runs {
        final Level level;
        final List<Level> children = new ArrayList<>();
        int left = limits.maxRunsPerLevel();
        boolean counted;

        Runs(Level level) {
            this.level = level;
        }

        /** Takes one run from the allowance; false (counted once) when it is spent. */
        boolean take() {
            if (left > 0) {
                left--;
                return true;
            }
            if (!counted) {
                anomalies.increment(ScanAnomalies.RUNS_LIMIT);
                counted = true;
            }
            return false;
        }

        void add(DecodedRun d) {
            if (d != null && d.bytes().length > 0) {
                List<String> layers = new ArrayList<>(level.layers.size() + 1);
                layers.addAll(level.layers);
                layers.add(d.layer());
                children.add(new Level(level, d.map(), List.copyOf(layers), level.depth + 1, d.bytes()));
            }
        }
    }
}
