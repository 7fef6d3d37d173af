package org.phonehome.detect.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hits of one part's scan: at most {@link PatternLimits#MAX_HITS_PER_PART}; a hit overlapping one already
 * kept is dropped (detectors run in {@link PatternKind} priority order, so the more specific one wins).
 */
final class Hits {
    private final List<PatternHit> hits = new ArrayList<>();
    private final int max;

    Hits(int max) {
        this.max = max;
    }

    boolean full() {
        return hits.size() >= max;
    }

    /** Adds the hit unless the list is full or it overlaps a kept hit; true when added. */
    boolean add(String identifier, String category, int offset, int length, String value, String reason) {
        if (full()) {
            return false;
        }
        PatternHit hit = new PatternHit(identifier, category, offset, length, value, reason);
        for (PatternHit kept : hits) {
            if (kept.overlaps(hit)) {
                return false;
            }
        }
        hits.add(hit);
        return true;
    }

    /** The kept hits by offset. */
    List<PatternHit> sorted() {
        if (hits.size() < 2) {
            return List.copyOf(hits); // most parts: nothing to sort (and no comparator to make)
        }
        List<PatternHit> out = new ArrayList<>(hits);
        out.sort(BY_OFFSET);
        return List.copyOf(out);
    }

    private static final Comparator<PatternHit> BY_OFFSET = Comparator.comparingInt(PatternHit::offset);
}
