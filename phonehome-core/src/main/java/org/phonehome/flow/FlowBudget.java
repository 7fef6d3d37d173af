package org.phonehome.flow;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the flow tables of one audit may hold together: flows ({@link FlowConfig#maxFlows()}), so that new flows
 * going mostly to one worker do not cut what it may hold to an even share, and the out-of-order bytes their TCP
 * connections hold while waiting for holes to fill.
 *
 * <p>Each table may always hold a floor of half its even share; the rest of the bound is a pool from which a table
 * that has used its room takes more in chunks (one atomic step per chunk, not per flow), and to which it gives a
 * chunk back once more than two are unused. A table that finds the pool empty ends its own least recently active
 * flow. Together the tables hold at most the bound, and one flow more per table that holds none when the pool is
 * empty (it must hold the flow it is given); a table may always hold its floor, however many the others hold.
 */
public final class FlowBudget {

    /** Most room taken from the pool at once: bounds what tables hold back unused. */
    private static final int MAX_CHUNK = 256;
    /**
     * Out-of-order bytes all TCP connections of an audit hold together, by default: an eighth of the heap. Each
     * connection direction holds at most {@link TcpLimits#maxBufferedBytes()}, but a capture of many connections
     * that each leave a hole and send on would otherwise hold that many times over and run out of memory; past this
     * bound a connection stops waiting for its hole ({@code tcp_ooo_memory_full}), as when its own bound is reached.
     * Suricata bounds its stream reassembly the same way ({@code stream.reassembly.memcap}).
     */
    public static final int DEFAULT_BUFFERED_HEAP_FRACTION = 8;
    /** The most the heap-based default of out-of-order bytes for all connections is: 1 GiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 1L << 30;

    private final AtomicInteger pool;
    /** Out-of-order bytes the connections may still hold. */
    private final AtomicLong buffered;
    private final int floor;
    private final int chunk;

    /**
     * A budget of {@code max} flows (at least one) for {@code tables} tables, and out-of-order bytes by the heap
     * ({@link #DEFAULT_BUFFERED_HEAP_FRACTION}).
     */
    public FlowBudget(int tables, int max) {
        this(tables, max, bufferedBytesFor(Runtime.getRuntime().maxMemory()));
    }

    /**
     * The out-of-order bytes all connections may hold in a heap of {@code maxHeapBytes}: an eighth of it, at most
     * {@link #DEFAULT_MAX_BUFFERED_BYTES}.
     */
    public static long bufferedBytesFor(long maxHeapBytes) {
        return Math.min(DEFAULT_MAX_BUFFERED_BYTES, maxHeapBytes / DEFAULT_BUFFERED_HEAP_FRACTION);
    }

    /** A budget of {@code max} flows and {@code maxBufferedBytes} out-of-order bytes for {@code tables} tables. */
    public FlowBudget(int tables, int max, long maxBufferedBytes) {
        if (tables < 1 || maxBufferedBytes < 0) {
            throw new IllegalArgumentException("tables: " + tables + ", out-of-order bytes: " + maxBufferedBytes);
        }
        int bound = Math.max(1, max);
        this.floor = bound / (2 * tables);
        this.pool = new AtomicInteger(bound - tables * floor);
        this.chunk = Math.max(1, Math.min(MAX_CHUNK, bound / (16 * tables)));
        this.buffered = new AtomicLong(maxBufferedBytes);
    }

    /** The flows a table may always hold. */
    int floor() {
        return floor;
    }

    /** Room taken or given back at once. */
    int chunk() {
        return chunk;
    }

    /** Takes up to a chunk of room from the pool: how many flows more the caller may hold (0: none left). */
    int take() {
        while (true) {
            int left = pool.get();
            if (left == 0) {
                return 0;
            }
            int n = Math.min(chunk, left);
            if (pool.compareAndSet(left, left - n)) {
                return n;
            }
        }
    }

    /** Gives room for {@code n} flows back to the pool. */
    void giveBack(int n) {
        pool.addAndGet(n);
    }

    /** Room left in the pool. */
    int pooled() {
        return pool.get();
    }

    /**
     * Takes room for {@code n} out-of-order bytes a connection is to hold; false, taking nothing, when the
     * connections of the audit hold the bound. One atomic step per out-of-order piece.
     */
    boolean takeBuffered(int n) {
        if (buffered.addAndGet(-n) >= 0) {
            return true;
        }
        buffered.addAndGet(n);
        return false;
    }

    /** Gives back the room of {@code n} out-of-order bytes a connection no longer holds. */
    void giveBackBuffered(int n) {
        buffered.addAndGet(n);
    }

    /** Out-of-order bytes the connections may still hold (tests). */
    long bufferedLeft() {
        return buffered.get();
    }
}
