package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting by name: equal names are one counter however they are spelled in memory, different names never mix. */
class CountersTest {

    @Test
    void equalNamesShareACounterAndDifferentNamesInOneSlotDoNot() {
        // "Aa" and "BB" have the same hash, so they fall in the same slot of the recent names
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        Counters c = new Counters();
        c.increment("Aa");
        c.increment("BB");
        c.increment(new String("Aa"));
        c.add("BB", 5);
        c.increment("Aa");
        c.increment(new String("BB"));
        assertThat(c.snapshot()).isEqualTo(Map.of("Aa", 3L, "BB", 7L));
        assertThat(c.total()).isEqualTo(10);
    }

    @Test
    void aClearedCounterStartsAgainFromZero() {
        Counters c = new Counters();
        c.add("tcp", 4);
        c.clear();
        assertThat(c.isEmpty()).isTrue();
        c.increment("tcp");
        assertThat(c.get("tcp")).isEqualTo(1);
        assertThat(c.snapshot()).isEqualTo(Map.of("tcp", 1L));
    }

    @Test
    void mergedCountersAddUp() {
        Counters a = new Counters();
        Counters b = new Counters();
        a.add("udp", 2);
        b.add("udp", 3);
        b.increment("icmp");
        a.addAll(b);
        a.increment("udp");
        assertThat(a.snapshot()).isEqualTo(Map.of("udp", 6L, "icmp", 1L));
        assertThat(b.snapshot()).isEqualTo(Map.of("udp", 3L, "icmp", 1L));
    }

    @Test
    void aCellIsItsNamesCounterThroughClearsAndMerges() {
        Counters c = new Counters();
        Counters.Cell tcp = c.cell("decoded.tcp");
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.snapshot()).isEmpty();
        tcp.increment();
        c.increment("decoded.tcp");
        c.increment("decoded.udp");
        tcp.increment();
        assertThat(c.cell("decoded.tcp")).isSameAs(tcp);
        assertThat(c.get("decoded.tcp")).isEqualTo(3);
        assertThat(c.snapshot()).isEqualTo(Map.of("decoded.tcp", 3L, "decoded.udp", 1L));
        c.clear();
        assertThat(c.isEmpty()).isTrue();
        tcp.increment();
        assertThat(c.snapshot()).isEqualTo(Map.of("decoded.tcp", 1L));
        // A counter made but never counted is not carried into another
        Counters merged = new Counters();
        Counters idle = new Counters();
        idle.cell("decoded.udp");
        merged.addAll(idle);
        assertThat(merged.isEmpty()).isTrue();
        merged.addAll(c);
        assertThat(merged.snapshot()).isEqualTo(Map.of("decoded.tcp", 1L));
    }
}
