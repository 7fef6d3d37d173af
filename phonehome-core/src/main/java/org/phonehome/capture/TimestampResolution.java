package org.phonehome.capture;

/**
 * Converts pcapng time stamp ticks to nanoseconds, for an interface's {@code if_tsresol} option.
 *
 * <p>The option byte is a negative power of 10 (e.g. 6 = microseconds, the default), or with its top bit set a
 * negative power of 2. Arithmetic wraps instead of throwing on absurd values: hostile input must not crash.
 */
final class TimestampResolution {
    /** if_tsresol's default when the option is absent: microseconds. */
    static final TimestampResolution MICROSECONDS = fromOption(6);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int POWER_OF_TWO_FLAG = 0x80;
    /** 10^18 is the largest power of 10 a long holds. */
    private static final int MAX_DECIMAL_EXPONENT = 18;

    /** Ticks times this are nanoseconds (power of 10 up to 9), or 0 when {@link #divisor} is used. */
    private final long multiplier;
    /** Nanoseconds are ticks divided by this (power of 10 above 9), or 0. */
    private final long divisor;
    /** Power of 2: ticks per second is 2^shift; -1 when decimal. */
    private final int shift;

    private TimestampResolution(long multiplier, long divisor, int shift) {
        this.multiplier = multiplier;
        this.divisor = divisor;
        this.shift = shift;
    }

    /** The resolution the {@code if_tsresol} option byte names. */
    static TimestampResolution fromOption(int option) {
        int exponent = option & 0x7f;
        if ((option & POWER_OF_TWO_FLAG) != 0) {
            return new TimestampResolution(0, 0, exponent);
        }
        if (exponent <= 9) {
            return new TimestampResolution(pow10(9 - exponent), 0, -1);
        }
        int down = exponent - 9;
        // Beyond 10^18 ticks per second every real time stamp is 0 ns from the epoch's second anyway.
        return new TimestampResolution(0, down > MAX_DECIMAL_EXPONENT ? Long.MAX_VALUE : pow10(down), -1);
    }

    /** Nanoseconds since the epoch for {@code ticks} (treated as unsigned 64-bit where it matters). */
    long toNanos(long ticks) {
        if (multiplier != 0) {
            return ticks * multiplier;
        }
        if (divisor != 0) {
            return Long.divideUnsigned(ticks, divisor);
        }
        if (shift == 0) {
            return ticks * NANOS_PER_SECOND;
        }
        if (shift >= 64) {
            return 0;
        }
        long seconds = ticks >>> shift;
        long fraction = ticks & ((1L << shift) - 1);
        // fraction * 1e9 / 2^shift, with the 128-bit product so no precision is lost for large shifts.
        long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
        long low = fraction * NANOS_PER_SECOND;
        long fractionNanos = (low >>> shift) | (high << (64 - shift));
        return seconds * NANOS_PER_SECOND + fractionNanos;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
