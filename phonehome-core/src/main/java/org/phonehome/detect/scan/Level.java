package org.phonehome.detect.scan;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One buffer of a part's scan: the part's value (depth 0) or bytes decoded from a run of its parent, with the hits
 * kept at it and the runs it opened (both needed by its descendants' dedupe after its bytes are dropped).
 */
final class Level {
    final Level parent;
    /** Maps this level's spans to the parent's; null at depth 0. */
    final SpanMap map;
    final List<String> layers;
    final int depth;
    /** Dropped (null) once the level has been scanned and its children made. */
    byte[] bytes;

    private int kept;
    // Made on first use: most levels are short parts (a header, a query value) that keep and open nothing.
    private int[] keptStart = NONE;
    private int[] keptEnd = NONE;
    private String[] keptRef = NO_REFS;
    private Set<Long> opened;

    private static final int[] NONE = new int[0];
    private static final String[] NO_REFS = new String[0];

    Level(Level parent, SpanMap map, List<String> layers, int depth, byte[] bytes) {
        this.parent = parent;
        this.map = map;
        this.layers = layers;
        this.depth = depth;
        this.bytes = bytes;
    }

    /** Records a kept hit; hits are added in order of start. */
    void keep(int start, int end, String ref) {
        if (kept == keptStart.length) {
            int n = Math.max(4, kept * 2);
            keptStart = Arrays.copyOf(keptStart, n);
            keptEnd = Arrays.copyOf(keptEnd, n);
            keptRef = Arrays.copyOf(keptRef, n);
        }
        keptStart[kept] = start;
        keptEnd[kept] = end;
        keptRef[kept] = ref;
        kept++;
    }

    /**
     * True when a kept hit overlaps {@code [start, end)} and has {@code ref} (any ref when {@code ref} is null
     * and {@code contain} is true: then the hit must contain the span). Hits are at most {@code maxLength} long.
     */
    boolean hasHit(int start, int end, String ref, boolean contain, int maxLength) {
        int lo = Arrays.binarySearch(keptStart, 0, kept, start - maxLength);
        lo = lo < 0 ? -lo - 1 : lo;
        while (lo > 0 && keptStart[lo - 1] >= start - maxLength) {
            lo--;
        }
        for (int k = lo; k < kept && keptStart[k] < Math.max(end, start + 1); k++) {
            boolean hit = contain ? keptStart[k] <= start && keptEnd[k] >= end
                    : keptEnd[k] > start && keptStart[k] < Math.max(end, start + 1);
            if (hit && (ref == null || Objects.equals(ref, keptRef[k]))) {
                return true;
            }
        }
        return false;
    }

    /** Records that a run of decoder {@code tag} at {@code [start, end)} was opened here. */
    void opened(int tag, int start, int end) {
        if (opened == null) {
            opened = new HashSet<>();
        }
        opened.add(key(tag, start, end));
    }

    boolean wasOpened(int tag, int start, int end) {
        return opened != null && opened.contains(key(tag, start, end));
    }

    private static long key(int tag, int start, int end) {
        return (long) tag << 62 | (long) start << 31 | end;
    }
}
