package org.phonehome.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phonehome.report.Times;

class ActiveHoursTest {

    @Test
    void marksUtcHours() {
        ActiveHours h = new ActiveHours();
        h.add(Times.parseIso("2014-08-10T00:10:00Z"));
        h.add(Times.parseIso("2014-08-10T01:59:59Z"));
        h.add(Times.parseIso("2014-08-11T02:00:00Z"));
        h.add(Times.parseIso("2014-08-10T23:30:00Z"));
        assertThat(h.hours()).containsExactly(0, 1, 2, 23);
        assertThat(h).hasToString("0-2,23");
    }

    @Test
    void aLongContactMarksEveryHourItTouches() {
        ActiveHours h = new ActiveHours();
        h.add(Times.parseIso("2014-08-10T22:50:00Z"), Times.parseIso("2014-08-11T01:10:00Z"));
        assertThat(h).hasToString("0-1,22-23");

        ActiveHours day = new ActiveHours();
        day.add(0, 3L * 24 * 3600 * 1_000_000_000L);
        assertThat(day.hours()).hasSize(24);
    }

    @Test
    void mergesAndHandlesTimesBeforeTheEpoch() {
        ActiveHours a = new ActiveHours();
        a.add(-1);
        ActiveHours b = new ActiveHours();
        b.add(0);
        a.merge(b);
        assertThat(a.hours()).containsExactly(0, 23);
    }
}
