package org.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The console's numbers, written without {@code String.format}, read as {@code String.format} wrote them. */
class ConsoleReportNumbersTest {

    /** What the report printed before, with {@code String.format} in English. */
    private static String formattedBytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ENGLISH, "%.1f %s", v, units[u]);
    }

    @Test
    void byteCountsReadAsBefore() {
        long[] edges = {0, 999, 1000, 1049, 1050, 1051, 9_999, 99_950, 999_949, 999_950, 999_999, 1_000_000,
            1_234_567_890L, 999_950_000_000_000_000L, Long.MAX_VALUE};
        for (long n : edges) {
            assertThat(ConsoleReport.bytes(n)).as("%d", n).isEqualTo(formattedBytes(n));
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long n = r.nextLong(1L << r.nextInt(1, 63));
            assertThat(ConsoleReport.bytes(n)).as("%d", n).isEqualTo(formattedBytes(n));
        }
    }

    @Test
    void countsAreGroupedByThousands() {
        long[] edges = {0, 7, -7, 999, 1000, -1000, 12_345, 123_456, 1_234_567, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            assertThat(ConsoleReport.grouped(n)).isEqualTo(String.format(Locale.ENGLISH, "%,d", n));
        }
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 10_000; i++) {
            long n = r.nextLong();
            assertThat(ConsoleReport.grouped(n)).isEqualTo(String.format(Locale.ENGLISH, "%,d", n));
        }
    }
}
