package org.phonehome.flow;

import org.phonehome.net.TransportPacket;

/**
 * Which worker of a parallel audit follows each flow, decided by whoever hands the frames out: a flow seen for the
 * first time goes to the worker its {@link Chooser} names (in an audit, the worker least behind), and its later
 * packets follow it there for as long as any worker may still hold the flow.
 *
 * <p><b>Why it is safe.</b> A flow must never be split between two workers. This table keeps the same capture
 * clock as every worker's {@link FlowTable}: it moves with each admitted packet ({@link FlowTable#admits}) and each
 * housekeeping time, in frame order, and never backwards. A flow table ends a flow once the clock is more than the
 * flow's idle timeout past its last packet; this table forgets an entry only once the clock is more than the
 * longest timeout that applies past the last packet of any flow that uses it (the closed linger and TCP's timeout
 * for a new connection, or, once a SYN-ACK or a packet with payload was seen, for an established one; UDP's idle
 * timeout). By then every such flow has ended in its worker, so a packet that finds its entry forgotten starts a
 * new flow wherever it goes. Entries are keyed by a 53-bit hash of the flow's endpoints that does not depend on
 * direction; two flows sharing a hash share an entry and a worker, which is harmless.
 *
 * <p><b>Forgotten sooner.</b> A worker also says when it no longer holds any flow under a hash, at which frame
 * ({@link AssignmentReleases}), and the entry is forgotten then, unless a packet was handed out under it from that
 * frame on: that packet may have begun a flow the worker still holds. Without this, an established connection's
 * entry would stay for the whole of TCP's idle timeout (a day), and a capture of many short connections would keep
 * a table of every connection of the day, each lookup a miss in the processor's caches.
 *
 * <p><b>Bounded.</b> At most {@link #MAX_SLOTS} slots (24 MB), half of them used. When that is not enough
 * (a flood of new flows within the timeouts), no entry is added any more for the rest of the audit: every flow
 * without one goes to its worker by {@link FlowShard#workerOf}, a fixed hash, as it would without this table.
 * Not thread-safe: one per audit, on the thread that reads the capture.
 */
public final class FlowAssignment {

    /** Picks the worker for a flow this table has no live entry for. */
    @FunctionalInterface
    public interface Chooser {
        /**
         * The worker for a new flow, given the one a fixed hash of its endpoints would give it ({@code hashed}).
         */
        int choose(int hashed);
    }

    /** Slots at most: 2^20, 24 bytes each. */
    static final int MAX_SLOTS = 1 << 20;
    /** Slots at first, and at least after dropping forgotten entries (96 KB). */
    private static final int MIN_SLOTS = 1 << 12;
    /**
     * A slot's first long: the flow hash's top 53 bits, {@link #KIND_TCP}, {@link #KIND_UDP} and
     * {@link #KIND_TCP_ESTABLISHED}, the worker. No kind at all: forgotten at its worker's word ({@link #forget}).
     */
    private static final long HASH_BITS = -1L << 11;
    private static final int KIND_SHIFT = 8;
    private static final long KIND_TCP = 1L << KIND_SHIFT;
    private static final long KIND_UDP = 2L << KIND_SHIFT;
    /** A SYN-ACK or a TCP packet with payload: its connection ends only after the longer idle timeout. */
    private static final long KIND_TCP_ESTABLISHED = 4L << KIND_SHIFT;
    private static final long WORKER_BITS = 0xff;

    private final int workers;
    private final Chooser chooser;
    /** How long past its last packet a slot is kept, by its kinds (TCP 1, UDP 2, established TCP 4, any sum). */
    private final long[] keepByKinds;
    private final int maxSlots;

    /**
     * Slot {@code i} is {@code table[3i]}, its hash, kinds and worker (0 for a slot never used),
     * {@code table[3i+1]}, the clock at the last packet of any of its flows, and {@code table[3i+2]}, that packet's
     * frame number.
     */
    private long[] table;
    private int mask;
    /** Slots holding a key, forgotten or not. */
    private int used;
    /** No entry is added any more (see the class comment). */
    private boolean full;
    private long clock = Long.MIN_VALUE;

    /** A table for {@code workers} workers (at most 256) whose flow tables run with {@code config}'s timeouts. */
    public FlowAssignment(FlowConfig config, int workers, Chooser chooser) {
        this(config, workers, chooser, MAX_SLOTS);
    }

    FlowAssignment(FlowConfig config, int workers, Chooser chooser, int maxSlots) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers: " + workers);
        }
        this.workers = workers;
        this.chooser = chooser;
        long tcp = Math.max(config.tcpNewTimeoutNanos(), config.closedLingerNanos());
        long udp = config.udpIdleTimeoutNanos();
        long established = Math.max(config.tcpIdleTimeoutNanos(), config.closedLingerNanos());
        this.keepByKinds = new long[8];
        for (int kinds = 0; kinds < 8; kinds++) {
            keepByKinds[kinds] = Math.max((kinds & 1) != 0 ? tcp : 0,
                    Math.max((kinds & 2) != 0 ? udp : 0, (kinds & 4) != 0 ? established : 0));
        }
        this.maxSlots = Integer.highestOneBit(Math.max(2, maxSlots));
        allocate(Math.min(MIN_SLOTS, this.maxSlots));
    }

    /**
     * The worker for {@code p}, a packet that enters the flow tables ({@link FlowTable#admits}); moves the clock to
     * its time first, as the tables do.
     */
    public int workerOf(TransportPacket p) {
        long frame = p.frameNumber();
        long t = p.timestampNanos();
        if (t >= clock) {
            clock = t;
        }
        long hash = hash(p);
        long kind = !p.isTcp() ? KIND_UDP : FlowTable.establishes(p) ? KIND_TCP | KIND_TCP_ESTABLISHED : KIND_TCP;
        long[] tab = table;
        int i = slot(hash);
        // The first slot on the way whose flows have all ended: a new entry can take it.
        int free = -1;
        long entry;
        while ((entry = tab[3 * i]) != 0) {
            if ((entry & HASH_BITS) == hash) {
                if (forgotten(entry, tab[3 * i + 1])) {
                    entry = hash | kind | choose(p);
                } else {
                    entry |= kind;
                }
                tab[3 * i] = entry;
                tab[3 * i + 1] = clock;
                tab[3 * i + 2] = frame;
                return (int) (entry & WORKER_BITS);
            }
            if (free < 0 && forgotten(entry, tab[3 * i + 1])) {
                free = i;
            }
            i = (i + 1) & mask;
        }
        if (full) {
            return FlowShard.workerOf(p, workers);
        }
        if (free >= 0) {
            int w = choose(p);
            tab[3 * free] = hash | kind | w;
            tab[3 * free + 1] = clock;
            tab[3 * free + 2] = frame;
            return w;
        }
        if (used + 1 > (mask + 1) / 2) {
            if (!makeRoom()) {
                full = true;
                return FlowShard.workerOf(p, workers);
            }
            tab = table;
            i = emptySlot(hash);
        }
        int w = choose(p);
        tab[3 * i] = hash | kind | w;
        tab[3 * i + 1] = clock;
        tab[3 * i + 2] = frame;
        used++;
        return w;
    }

    /**
     * Worker {@code worker} holds no flow under {@code hash} (a value of {@link #hash}) since it began to handle frame
     * {@code handling}: the entry is forgotten, unless it is another worker's or a packet from that frame on was
     * handed out under it.
     */
    public void forget(long hash, int worker, long handling) {
        long[] tab = table;
        long entry;
        for (int i = slot(hash); (entry = tab[3 * i]) != 0; i = (i + 1) & mask) {
            if ((entry & HASH_BITS) == hash) {
                if ((entry & WORKER_BITS) == worker && tab[3 * i + 2] < handling) {
                    tab[3 * i] = entry & ~(7L << KIND_SHIFT);
                }
                return;
            }
        }
    }

    /** Entries not forgotten (tests). */
    int live() {
        int live = 0;
        for (int i = 0; i < table.length; i += 3) {
            if (table[i] != 0 && !forgotten(table[i], table[i + 1])) {
                live++;
            }
        }
        return live;
    }

    /** The reader's housekeeping time, which every flow table's clock also moves to. */
    public void advance(long nowNanos) {
        if (nowNanos >= clock) {
            clock = nowNanos;
        }
    }

    /** Whether entries are no longer added (the table reached its bound). */
    boolean full() {
        return full;
    }

    private int choose(TransportPacket p) {
        int w = chooser.choose(FlowShard.workerOf(p, workers));
        if (w < 0 || w >= workers) {
            throw new IllegalStateException("worker " + w + " of " + workers);
        }
        return w;
    }

    /**
     * Whether every flow of a slot ({@code entry}, last seen at {@code lastSeen}) has surely ended in its worker: its
     * worker said so ({@link #forget}: no kind left), or the clock is past the longest timeout of its kinds. The
     * clock never goes back, so the difference is compared unsigned, as {@link IdleList} compares it: exact
     * whatever the timestamps.
     */
    private boolean forgotten(long entry, long lastSeen) {
        int kinds = (int) (entry >>> KIND_SHIFT) & 7;
        return kinds == 0 || Long.compareUnsigned(clock - lastSeen, keepByKinds[kinds]) > 0;
    }

    /** Drops the forgotten entries, growing the table if the rest need it; false when it cannot grow enough. */
    private boolean makeRoom() {
        long[] old = table;
        int live = live();
        int slots = Math.min(MIN_SLOTS, maxSlots);
        while (slots < 8L * (live + 1) && slots < maxSlots) {
            slots <<= 1;
        }
        if (live + 1 > slots / 2) {
            return false;
        }
        allocate(slots);
        for (int i = 0; i < old.length; i += 3) {
            if (old[i] != 0 && !forgotten(old[i], old[i + 1])) {
                int j = emptySlot(old[i] & HASH_BITS);
                table[3 * j] = old[i];
                table[3 * j + 1] = old[i + 1];
                table[3 * j + 2] = old[i + 2];
                used++;
            }
        }
        return true;
    }

    private void allocate(int slots) {
        table = new long[3 * slots];
        mask = slots - 1;
        used = 0;
    }

    private int slot(long hash) {
        return (int) (hash >>> 40) & mask;
    }

    /** The first empty slot from {@code hash}'s own, where an entry for it goes. */
    private int emptySlot(long hash) {
        int i = slot(hash);
        while (table[3 * i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** A hash of the flow's protocol and its two ends, the same both ways: its top 53 bits, never all 0. */
    static long hash(TransportPacket p) {
        long a = p.src().hashCode() * 0x9E3779B97F4A7C15L + p.srcPort();
        long b = p.dst().hashCode() * 0x9E3779B97F4A7C15L + p.dstPort();
        // Sum and product of the two ends are the same both ways.
        long h = (a + b) * 0xBF58476D1CE4E5B9L ^ (a * b) ^ p.protocol();
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        h &= HASH_BITS;
        return h == 0 ? 1L << 11 : h;
    }
}
