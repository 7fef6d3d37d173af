package org.phonehome.flow;

/**
 * A worker's word to the thread that hands out flows ({@link FlowAssignment}) that it holds no flow under an
 * assignment hash any more, and from which frame on. Its flow table counts the flows it holds under each hash
 * (two flows may share one); when a count falls to zero, the hash and the frame being handled go into a ring that
 * the reader drains once a batch. One writer (the worker) and one reader. A full ring drops the word: the entry is
 * then forgotten at its timeout, as without this, so nothing waits and nothing grows past the ring.
 */
public final class AssignmentReleases {
    /** Words the ring holds (256 KB), many batches' ended flows; a word past them waits for its entry's timeout. */
    static final int MAX_WORDS = 1 << 14;

    private final int worker;
    private final long[] hashes = new long[MAX_WORDS];
    private final long[] frames = new long[MAX_WORDS];
    /**
     * Words written, by the worker, after the word itself; words read, by the reader. Plain volatile fields rather
     * than variable handles, whose acquire and release modes the client compiler calls rather than inlines.
     */
    private volatile long written;
    private volatile long read;

    /** Flows held under each hash: the worker's own. */
    private final HashCounts held = new HashCounts();
    /** The frame the worker is handling. */
    private long handling;
    /** Words dropped for want of room (tests). */
    private long dropped;

    /** The releases of worker {@code worker}. */
    public AssignmentReleases(int worker) {
        this.worker = worker;
    }

    /** The worker begins to handle frame {@code frame}. */
    public void handling(long frame) {
        handling = frame;
    }

    /** The worker's table began a flow under {@code hash}. */
    void started(long hash) {
        held.increment(hash);
    }

    /** The worker's table ended a flow under {@code hash}; when it held no other, says so. */
    void ended(long hash) {
        if (held.decrement(hash) > 0) {
            return;
        }
        long w = written;
        if (w - read >= MAX_WORDS) {
            dropped++;
            return;
        }
        int at = (int) w & (MAX_WORDS - 1);
        hashes[at] = hash;
        frames[at] = handling;
        written = w + 1;
    }

    /** Reader: passes every word written so far to {@code assignment}. */
    public void drainTo(FlowAssignment assignment) {
        long r = read;
        long w = written;
        for (; r < w; r++) {
            int at = (int) r & (MAX_WORDS - 1);
            assignment.forget(hashes[at], worker, frames[at]);
        }
        read = r;
    }

    long dropped() {
        return dropped;
    }

    /** Hashes with the flows held under them, by open addressing; an entry goes when its count reaches zero. */
    static final class HashCounts {
        private long[] keys = new long[64];
        private int[] counts = new int[64];
        private int size;

        void increment(long key) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (keys[i] != 0) {
                if (keys[i] == key) {
                    counts[i]++;
                    return;
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            counts[i] = 1;
            size++;
        }

        /** The count left; 0 also for a key never counted. */
        int decrement(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    if (--counts[i] > 0) {
                        return counts[i];
                    }
                    remove(i, mask);
                    return 0;
                }
            }
            return 0;
        }

        int size() {
            return size;
        }

        /** Empties slot {@code i}, moving back the entries after it that would otherwise be cut off from their slot. */
        private void remove(int i, int mask) {
            int hole = i;
            for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
                int home = slot(keys[j], mask);
                // j's entry may move to the hole unless its home lies cyclically in (hole, j].
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    keys[hole] = keys[j];
                    counts[hole] = counts[j];
                    hole = j;
                }
            }
            keys[hole] = 0;
            counts[hole] = 0;
            size--;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new long[2 * oldKeys.length];
            counts = new int[keys.length];
            int mask = keys.length - 1;
            for (int k = 0; k < oldKeys.length; k++) {
                if (oldKeys[k] != 0) {
                    int i = slot(oldKeys[k], mask);
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[k];
                    counts[i] = oldCounts[k];
                }
            }
        }

        private static int slot(long key, int mask) {
            return (int) (key >>> 40) & mask;
        }
    }
}
