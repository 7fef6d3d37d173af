package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.phonehome.report.Times;

/**
 * {@link Times#parseIso} on any text (the report's times read back, and the times of a policy file's consent
 * changes): it reads what {@code Instant.parse} reads, to the nanosecond, and refuses what it refuses, with the
 * same kind of exception; its own reading of the form the report writes must never differ.
 */
class TimesFuzzTest {

    @FuzzTest
    void readsAnyTextAsInstantParseReadsIt(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        assertThat(outcome(() -> Times.parseIso(text))).as(text).isEqualTo(outcome(() -> {
            Instant i = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        }));
    }

    /** The value read, or the class of what was thrown. */
    private static Object outcome(LongSupplier read) {
        try {
            return read.getAsLong();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
