package org.phonehome.report;

import java.time.Instant;

/** Capture times as the report writes them: ISO-8601 in UTC, with as many fraction digits as needed. */
public final class Times {
    private Times() {
    }

    /** {@code 2024-03-12T08:00:00.123456Z} for nanoseconds since the Unix epoch. */
    public static String iso(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }

    /** Nanoseconds since the Unix epoch of an ISO-8601 instant such as {@code 2014-08-10T09:30:00Z}. */
    public static long parseIso(String text) {
        Instant i = Instant.parse(text);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }
}
