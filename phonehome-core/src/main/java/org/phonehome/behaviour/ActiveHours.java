package org.phonehome.behaviour;

import java.util.ArrayList;
import java.util.List;

/**
 * The hours of the day (UTC, 0 to 23) in which a destination was contacted. Fixed size (one 24-bit mask), so it can
 * be kept per destination for captures of any length and merged across workers.
 */
public final class ActiveHours {
    private static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    private static final int HOURS_PER_DAY = 24;

    private int mask;

    /** Marks the hour of {@code epochNanos} (UTC). */
    public void add(long epochNanos) {
        mask |= 1 << (int) Math.floorMod(Math.floorDiv(epochNanos, NANOS_PER_HOUR), HOURS_PER_DAY);
    }

    /** Marks every hour a contact from {@code startNanos} to {@code endNanos} touched. */
    public void add(long startNanos, long endNanos) {
        long first = Math.floorDiv(startNanos, NANOS_PER_HOUR);
        long last = Math.floorDiv(Math.max(startNanos, endNanos), NANOS_PER_HOUR);
        for (long h = first; h <= last && h - first < HOURS_PER_DAY; h++) {
            mask |= 1 << (int) Math.floorMod(h, HOURS_PER_DAY);
        }
    }

    /** Adds another worker's hours. */
    public void merge(ActiveHours other) {
        mask |= other.mask;
    }

    /** Bit h set when hour h (UTC) saw contact. */
    public int mask() {
        return mask;
    }

    /** The hours with contact, ascending. */
    public List<Integer> hours() {
        List<Integer> out = new ArrayList<>();
        for (int h = 0; h < HOURS_PER_DAY; h++) {
            if ((mask & (1 << h)) != 0) {
                out.add(h);
            }
        }
        return out;
    }

    /** Runs of hours, such as {@code 0-3,9,22-23}; empty when none. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        List<Integer> hours = hours();
        for (int i = 0; i < hours.size(); i++) {
            int start = hours.get(i);
            int end = start;
            while (i + 1 < hours.size() && hours.get(i + 1) == end + 1) {
                end = hours.get(++i);
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start == end ? String.valueOf(start) : start + "-" + end);
        }
        return sb.toString();
    }
}
