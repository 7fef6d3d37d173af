package org.phonehome;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named event counters (packets by kind, undecoded reasons, anomalies) that a stage fills and the report shows.
 *
 * <p>Names are the report's stable snake_case vocabulary, e.g. {@code tcp}, {@code truncated_ip_header}.
 * Not thread-safe: each worker owns its own and they are merged with {@link #addAll(Counters)}.
 */
public final class Counters {
    private static final int RECENT = 16;
    /** Hashed, not sorted: this runs for every packet; {@link #snapshot()} sorts. */
    private final HashMap<String, Cell> values = new HashMap<>();
    /** Names last counted, by the low bits of their hash, and their cells in {@link #values}. */
    private final String[] recentNames = new String[RECENT];
    private final Cell[] recentCells = new Cell[RECENT];
    /** {@link #increment} as a function, made once: parsers take it per message. */
    private final java.util.function.Consumer<String> incrementer = this::increment;

    /**
     * One counter of a {@link Counters}, held by a stage that counts under the same name packet after packet, so
     * that it does not look the name up each time. It stays the counter of that name for good, {@link #clear}
     * included.
     */
    public static final class Cell {
        private long value;

        private Cell() {
        }

        /** Adds one. */
        public void increment() {
            value++;
        }
    }

    /** The counter {@code name} itself, made at 0 if it was never touched (a zero counter is shown nowhere). */
    public Cell cell(String name) {
        Cell cell = values.get(name);
        if (cell == null) {
            cell = new Cell();
            values.put(name, cell);
        }
        return cell;
    }

    /** {@link #increment} as a function (the same object every time, so passing it allocates nothing). */
    public java.util.function.Consumer<String> incrementer() {
        return incrementer;
    }

    /** Adds one to the counter {@code name}. */
    public void increment(String name) {
        add(name, 1);
    }

    /** Adds {@code delta} to the counter {@code name}. */
    public void add(String name, long delta) {
        // The same few names come by the same String constants, message after message: one slot compared by
        // identity before the map. (The decoder's per-packet counts take a Cell instead: "decoded.tcp" and
        // "decoded.udp" share a slot and would take turns in it.)
        int slot = name.hashCode() & (RECENT - 1);
        if (recentNames[slot] == name) {
            recentCells[slot].value += delta;
            return;
        }
        Cell cell = cell(name);
        recentNames[slot] = name;
        recentCells[slot] = cell;
        cell.value += delta;
    }

    /** The counter's value, 0 when it was never touched. */
    public long get(String name) {
        Cell cell = values.get(name);
        return cell == null ? 0 : cell.value;
    }

    /** Adds every counter of {@code other} to this one. */
    public void addAll(Counters other) {
        other.values.forEach((k, v) -> {
            if (v.value != 0) {
                add(k, v.value);
            }
        });
    }

    /** Whether every counter is 0: none was touched since this was made or {@link #clear}ed. */
    public boolean isEmpty() {
        if (values.isEmpty()) {
            return true; // the common case (a stage's counters for one message), without walking the map's table
        }
        for (Cell v : values.values()) {
            if (v.value != 0) {
                return false;
            }
        }
        return true;
    }

    /** Sets every counter back to 0 (the {@link Cell}s handed out stay this object's counters). */
    public void clear() {
        for (Cell v : values.values()) {
            v.value = 0;
        }
    }

    /** Sum of all counters. */
    public long total() {
        long sum = 0;
        for (Cell v : values.values()) {
            sum += v.value;
        }
        return sum;
    }

    /** An immutable, name-sorted copy of the non-zero counters. */
    public Map<String, Long> snapshot() {
        TreeMap<String, Long> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v.value != 0) {
                copy.put(k, v.value);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
