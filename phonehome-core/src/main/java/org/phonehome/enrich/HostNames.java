package org.phonehome.enrich;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.phonehome.net.IpAddress;

/**
 * IP address to host name, from the DNS answers the device received, respecting capture order: a name counts for a
 * connection only when its answer was in a frame before the connection's first frame, and timestamped no later
 * than the connection's start.
 *
 * <p>The name kept is the one the device asked for (the question), not the CDN name a CNAME chain ends in: that is
 * the service the device wanted. Safe for several workers that read the same capture and each see part of its
 * flows: a lookup waits (through {@link FrameBarrier}) until every worker has handled the frames before the
 * connection, and the answer chosen depends only on the answers, never on the order workers added them, so
 * the names are the same with one worker or several. Bounded: at most {@link #MAX_NAMES} address/name pairs, and
 * {@link #MAX_NAMES_PER_ADDRESS} per address (the latest kept); {@link #answer} returns false when a bound dropped
 * a name, and the caller counts it. Only when a bound is reached can several workers name a flow differently
 * from one.
 */
public final class HostNames {

    /**
     * A day of a phone's traffic resolves a few thousand address/name pairs; a million is a DNS flood, not a phone
     * (about 100 MB at most).
     */
    public static final int MAX_NAMES = 1_000_000;
    /**
     * A CDN address serves many names over a day; the 64 latest answered before a connection are what matters,
     * and the bound keeps a flood of names for one address from making each answer cost more.
     */
    public static final int MAX_NAMES_PER_ADDRESS = 64;

    /** Tells, or waits until, every worker has handled the frames before a given one. */
    public interface FrameBarrier {
        /** No other worker: nothing to wait for. */
        FrameBarrier NONE = new FrameBarrier() {
            @Override
            public boolean passed(long frame) {
                return true;
            }

            @Override
            public void awaitFramesBefore(long frame) {
            }
        };

        /** Whether the answers of every frame before {@code frame} have been added, without waiting. */
        boolean passed(long frame);

        /** Returns once the answers of every frame before {@code frame} have been added. */
        void awaitFramesBefore(long frame);
    }

    private final ConcurrentHashMap<IpAddress, Answer[]> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger pairs = new AtomicInteger();
    private final FrameBarrier barrier;

    /** Names for one worker. */
    public HostNames() {
        this(FrameBarrier.NONE);
    }

    /** Names shared by workers that wait for each other through {@code barrier}. */
    public HostNames(FrameBarrier barrier) {
        this.barrier = barrier;
    }

    /** One name answered for an address, in a frame at a time. */
    private record Answer(String name, long frame, long timeNanos) {
        /** The earlier sighting wins, whichever worker saw it first. */
        boolean before(Answer o) {
            return frame < o.frame || (frame == o.frame && timeNanos < o.timeNanos);
        }

        /** The later answer wins a lookup; ties fall to the name, so the order of adding never matters. */
        boolean laterThan(Answer o) {
            if (timeNanos != o.timeNanos) {
                return timeNanos > o.timeNanos;
            }
            if (frame != o.frame) {
                return frame > o.frame;
            }
            return name.compareTo(o.name) > 0;
        }
    }

    /**
     * Records that {@code name} resolved to {@code address} in the answer of {@code frame} seen at
     * {@code timeNanos}; false when a bound dropped a name (this one or an earlier one of the address).
     */
    public boolean answer(String name, IpAddress address, long timeNanos, long frame) {
        String n = normalize(name);
        return n == null || answerNormalized(n, address, timeNanos, frame);
    }

    /**
     * {@link #answer} for a name already {@link #normalize normalized} and not null: a response's question name is
     * normalized once for all its addresses.
     */
    public boolean answerNormalized(String n, IpAddress address, long timeNanos, long frame) {
        Answer[] known = byAddress.get(address);
        if (known != null) {
            // Most answers repeat a pair already held from an earlier frame: nothing to change, no lock taken.
            for (Answer k : known) {
                if (k.name.equals(n) && (k.frame < frame || (k.frame == frame && k.timeNanos <= timeNanos))) {
                    return true;
                }
            }
        }
        Answer a = new Answer(n, frame, timeNanos);
        boolean[] kept = {true};
        byAddress.compute(address, (k, answers) -> {
            if (answers == null) {
                if (!reserve()) {
                    kept[0] = false;
                    return null;
                }
                return new Answer[] {a};
            }
            for (int i = 0; i < answers.length; i++) {
                if (answers[i].name.equals(n)) {
                    if (a.before(answers[i])) {
                        Answer[] copy = answers.clone();
                        copy[i] = a;
                        return copy;
                    }
                    return answers;
                }
            }
            if (answers.length >= MAX_NAMES_PER_ADDRESS) {
                // Keep the latest answers: replace the earliest one, if this one is later.
                int earliest = 0;
                for (int i = 1; i < answers.length; i++) {
                    if (answers[i].before(answers[earliest])) {
                        earliest = i;
                    }
                }
                kept[0] = false;
                if (answers[earliest].before(a)) {
                    Answer[] copy = answers.clone();
                    copy[earliest] = a;
                    return copy;
                }
                return answers;
            }
            if (!reserve()) {
                kept[0] = false;
                return answers;
            }
            Answer[] grown = java.util.Arrays.copyOf(answers, answers.length + 1);
            grown[answers.length] = a;
            return grown;
        });
        return kept[0];
    }

    private boolean reserve() {
        if (pairs.incrementAndGet() > MAX_NAMES) {
            pairs.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Whether {@link #nameAt} for {@code beforeFrame} would answer now, without waiting for another worker. */
    public boolean settledBefore(long beforeFrame) {
        return barrier.passed(beforeFrame);
    }

    /**
     * The name most recently answered for {@code address} in a frame before {@code beforeFrame} and at or before
     * {@code timeNanos}, or null.
     */
    public String nameAt(IpAddress address, long timeNanos, long beforeFrame) {
        barrier.awaitFramesBefore(beforeFrame);
        Answer[] answers = byAddress.get(address);
        if (answers == null) {
            return null;
        }
        Answer best = null;
        for (Answer a : answers) {
            if (a.frame < beforeFrame && a.timeNanos <= timeNanos && (best == null || a.laterThan(best))) {
                best = a;
            }
        }
        return best == null ? null : best.name;
    }

    /** Lower case, without a trailing dot; null for the root or an empty name. */
    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        if (isNormal(name)) {
            return name; // the common case, without a copy
        }
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.isEmpty() || n.equals("<root>") ? null : n;
    }

    private static boolean isNormal(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(n - 1) == '.' || name.charAt(0) == '<') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c <= ' ' || (c >= 'A' && c <= 'Z') || c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
