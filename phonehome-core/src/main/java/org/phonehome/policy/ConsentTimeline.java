package org.phonehome.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The switches over time: their values at the start of the capture and the changes in time order (changes at the same
 * instant in file order, command line last). A switch's value at time t is its initial value with every change at or
 * before t applied.
 */
final class ConsentTimeline {
    private final Map<String, Boolean> initial;
    private final List<ConsentChange> changes;

    ConsentTimeline(Map<String, Boolean> initial, List<ConsentChange> changes) {
        this.initial = Map.copyOf(initial);
        this.changes = changes.stream()
                .sorted(Comparator.comparingLong(ConsentChange::atNanos).thenComparingInt(ConsentChange::order))
                .toList();
    }

    /** The changes in the order they apply. */
    List<ConsentChange> changes() {
        return changes;
    }

    /** The switch's value at {@code timeNanos}; a switch never set is off. */
    boolean isOn(String name, long timeNanos) {
        boolean on = initial.getOrDefault(name, Boolean.FALSE);
        for (ConsentChange c : changes) {
            if (c.atNanos() > timeNanos) {
                break;
            }
            if (c.switchName().equals(name)) {
                on = c.on();
            }
        }
        return on;
    }

    /** True when at least one of {@code names} is on at {@code timeNanos}. */
    boolean anyOn(Set<String> names, long timeNanos) {
        for (String n : names) {
            if (isOn(n, timeNanos)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first instant in [{@code startNanos}, {@code endNanos}] at which every one of {@code names} is off, or null
     * when at every instant of the interval one of them is on. Values only change at change times, so checking the
     * start and each change inside the interval is exact.
     */
    Long firstAllOff(Set<String> names, long startNanos, long endNanos) {
        if (!anyOn(names, startNanos)) {
            return startNanos;
        }
        for (ConsentChange c : changes) {
            if (c.atNanos() > endNanos) {
                break;
            }
            if (c.atNanos() > startNanos && names.contains(c.switchName()) && !anyOn(names, c.atNanos())) {
                return c.atNanos();
            }
        }
        return null;
    }
}
