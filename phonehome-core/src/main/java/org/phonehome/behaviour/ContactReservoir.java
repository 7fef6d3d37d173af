package org.phonehome.behaviour;

import java.util.Arrays;

/**
 * The last {@link #capacity} contacts with one destination: each flow's start time and bytes sent. A ring buffer that
 * grows on demand up to its capacity, so a destination contacted twice costs a few bytes, and one contacted a million
 * times costs {@code 16 * capacity} bytes. Older contacts are dropped (and counted), newer ones kept: a beacon that is
 * still running is what matters.
 */
final class ContactReservoir {
    /** Room reserved on the first contact; doubled as needed. */
    private static final int INITIAL_CAPACITY = 8;

    private final int capacity;
    private long[] starts = new long[0];
    private long[] sizes = new long[0];
    private int next;
    private int size;
    private long dropped;

    ContactReservoir(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    void add(long startNanos, long bytesOut) {
        if (size == starts.length && size < capacity) {
            int grown = Math.min(capacity, Math.max(INITIAL_CAPACITY, size * 2));
            starts = Arrays.copyOf(unrolledStarts(), grown);
            sizes = Arrays.copyOf(unrolledSizes(), grown);
            next = size;
        }
        if (size == capacity) {
            dropped++;
        } else {
            size++;
        }
        starts[next] = startNanos;
        sizes[next] = bytesOut;
        next = (next + 1) % starts.length;
    }

    /** Start times of the kept contacts, oldest kept first (as added, not sorted). */
    long[] starts() {
        return unrolledStarts();
    }

    /** Bytes sent in each kept contact, in the order of {@link #starts()}. */
    long[] sizes() {
        return unrolledSizes();
    }

    /** Contacts no longer kept because the reservoir was full. */
    long dropped() {
        return dropped;
    }

    int size() {
        return size;
    }

    private long[] unrolledStarts() {
        return unroll(starts);
    }

    private long[] unrolledSizes() {
        return unroll(sizes);
    }

    /** The kept values in insertion order: the buffer from the oldest kept entry. */
    private long[] unroll(long[] ring) {
        long[] out = new long[size];
        int oldest = size < ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(oldest + i) % ring.length];
        }
        return out;
    }
}
