package org.phonehome.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Report times are read back exactly as Instant.parse reads them, through the fast path or around it. */
class TimesTest {

    private static long viaInstant(String text) {
        Instant i = Instant.parse(text);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    @Test
    void everyTimeTheReportWritesIsReadBackToTheNanosecond() {
        Random random = new Random(7);
        long[] fixed = {0, 1, 999_999_999, 1_000_000_000, 1_710_230_400_019_376_000L, 1_710_230_400_019_376_123L,
            1_710_230_400_000_000_000L, 1_710_230_400_120_000_000L, 951_782_400_000_000_000L, // 2000-02-29
            4_107_542_399_999_999_999L, Long.MAX_VALUE, -1, -86_400_000_000_000L,
            Long.MIN_VALUE + 1_000_000_000L};
        for (long nanos : fixed) {
            assertThat(Times.parseIso(Times.iso(nanos))).as(Times.iso(nanos)).isEqualTo(nanos);
        }
        for (int i = 0; i < 20_000; i++) {
            long nanos = random.nextLong();
            // whole seconds, milliseconds and microseconds too, for each length of fraction
            nanos -= Math.floorMod(nanos, new long[] {1, 1_000, 1_000_000, 1_000_000_000}[i % 4]);
            String text = Times.iso(nanos);
            assertThat(Times.parseIso(text)).as(text).isEqualTo(nanos).isEqualTo(viaInstant(text));
        }
    }

    @Test
    void otherFormsAreReadAsInstantParseReadsThem() {
        for (String text : new String[] {"2014-08-10T09:30:00Z", "2014-08-10t09:30:00z", "2014-08-10T09:30:00.5Z",
            "2014-08-10T09:30:00.Z",
            "2014-08-10T09:30:00.1234Z", "2014-08-10T09:30:00+02:00", "2016-12-31T23:59:60Z",
            "2024-02-29T12:00:00.000000001Z", "1969-12-31T23:59:59.999999999Z"}) {
            assertThat(Times.parseIso(text)).as(text).isEqualTo(viaInstant(text));
        }
    }

    @Test
    void textThatIsNoInstantIsRefusedAsInstantParseRefusesIt() {
        for (String text : new String[] {"", "2014-08-10", "2014-02-30T09:30:00Z", "2014-13-10T09:30:00Z",
            "2014-08-10T25:30:00Z", "2014-08-10T09:60:00Z", "2014-08-10T09:30:0xZ",
            "2014-08-1OT09:30:00Z", "2014-08-1:T09:30:00Z", "2014-08-10T09:30:00.12/Z", "2014-08-10 09:30:00Z",
            "20140810T093000Z", "2014-08-10T09:30:00.12345678901Z"}) {
            assertThatThrownBy(() -> Times.parseIso(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
        assertThatThrownBy(() -> Times.parseIso("9999-12-31T23:59:59Z")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Times.parseIso("0999-01-01T00:00:00Z")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Times.parseIso("+10000-01-01T00:00:00Z")).isInstanceOf(ArithmeticException.class);
    }
}
