package org.phonehome.flow;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The flows that the flow tables of one audit may hold together ({@link FlowConfig#maxFlows()}), so that new
 * flows going mostly to one worker do not cut what it may hold to an even share.
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

    private final AtomicInteger pool;
    private final int floor;
    private final int chunk;

    /** A budget of {@code max} flows (at least one) for {@code tables} tables. */
    public FlowBudget(int tables, int max) {
        if (tables < 1) {
            throw new IllegalArgumentException("tables: " + tables);
        }
        int bound = Math.max(1, max);
        this.floor = bound / (2 * tables);
        this.pool = new AtomicInteger(bound - tables * floor);
        this.chunk = Math.max(1, Math.min(MAX_CHUNK, bound / (16 * tables)));
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
}
