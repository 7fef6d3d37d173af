package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.FlowBudget;
import org.phonehome.flow.FlowConfig;
import org.phonehome.proto.ParserMemory;

class LimitsTest {

    @Test
    void sizesTakeBinarySuffixes() {
        SettableLimit body = SettableLimit.HTTP_BODY_BYTES;
        assertThat(body.parse("65536")).isEqualTo(65_536);
        assertThat(body.parse("64k")).isEqualTo(65_536);
        assertThat(body.parse("64K")).isEqualTo(65_536);
        assertThat(body.parse("64KiB")).isEqualTo(65_536);
        assertThat(body.parse("16M")).isEqualTo(16L << 20);
        assertThat(body.parse("1g")).isEqualTo(1L << 30);
        assertThat(SettableLimit.IP_FRAGMENT_BYTES.parse("4G")).isEqualTo(4L << 30);
    }

    @Test
    void countsAreWholeNumbersOnly() {
        assertThat(SettableLimit.SCAN_DEPTH.parse("3")).isEqualTo(3);
        assertThatThrownBy(() -> SettableLimit.SCAN_DEPTH.parse("3k")).hasMessage(
                "--limit scan-depth=3k: the value must be a whole number");
    }

    @Test
    void badValuesAreOneSentenceNamingTheSetting() {
        assertThatThrownBy(() -> Limits.parse(List.of("http-body-bytes=lots"))).hasMessage(
                "--limit http-body-bytes=lots: the value must be a size in bytes such as 65536, 64k, 16M or 1G");
        assertThatThrownBy(() -> Limits.parse(List.of("http-body-bytes=-1"))).hasMessageContaining("a size");
        assertThatThrownBy(() -> Limits.parse(List.of("hpack-table-bytes=1k"))).hasMessage(
                "--limit hpack-table-bytes=1k: the value must be from 4k to 1G");
        assertThatThrownBy(() -> Limits.parse(List.of("flows=99999999999999999999"))).hasMessageContaining(
                "whole number");
    }

    @Test
    void unknownNamesListTheValidOnes() {
        assertThatThrownBy(() -> Limits.parse(List.of("dns-name-bytes=512")))
                .hasMessageStartingWith("--limit: unknown limit 'dns-name-bytes'; the names are flows, ")
                .hasMessageContaining("scan-inflate-ratio");
        assertThatThrownBy(() -> Limits.parse(List.of("flows"))).hasMessageStartingWith("--limit takes NAME=VALUE");
    }

    @Test
    void defaultsAreTheStagesDefaultsAndFlowsFollowTheHeap() {
        for (SettableLimit l : SettableLimit.values()) {
            if (l != SettableLimit.FLOWS && l != SettableLimit.TCP_BUFFERED_TOTAL
                    && l != SettableLimit.PARSER_HELD_TOTAL) {
                assertThat(Limits.DEFAULTS.get(l)).as(l.limitName()).isEqualTo(l.defaultValue());
            }
        }
        assertThat(Limits.DEFAULTS.flowConfig(null).maxFlows())
                .isEqualTo(FlowConfig.maxFlowsFor(Runtime.getRuntime().maxMemory()));
        assertThat(Limits.parse(List.of("flows=5")).flowConfig(null).maxFlows()).isEqualTo(5);
        // The out-of-order bytes of all connections follow the heap too, up to the limit's default.
        assertThat(Limits.DEFAULTS.get(SettableLimit.TCP_BUFFERED_TOTAL)).isZero();
        assertThat(FlowBudget.bufferedBytesFor(1L << 30)).isEqualTo(1L << 27);
        assertThat(FlowBudget.bufferedBytesFor(64L << 30)).isEqualTo(SettableLimit.TCP_BUFFERED_TOTAL.defaultValue());
        assertThat(Limits.parse(List.of("tcp-buffered-total=2M")).get(SettableLimit.TCP_BUFFERED_TOTAL))
                .isEqualTo(2L << 20);
        // So do the HTTP messages under way.
        assertThat(Limits.DEFAULTS.get(SettableLimit.PARSER_HELD_TOTAL)).isZero();
        assertThat(ParserMemory.bytesFor(1L << 30)).isEqualTo(1L << 27);
        assertThat(ParserMemory.bytesFor(64L << 30)).isEqualTo(SettableLimit.PARSER_HELD_TOTAL.defaultValue());
        assertThat(Limits.DEFAULTS.parserMemory().left())
                .isEqualTo(ParserMemory.bytesFor(Runtime.getRuntime().maxMemory()));
        Limits set = Limits.parse(List.of("parser-held-total=3M"));
        assertThat(set.get(SettableLimit.PARSER_HELD_TOTAL)).isEqualTo(3L << 20);
        assertThat(set.parserMemory().left()).isEqualTo(3L << 20);
    }

    @Test
    void eachSettingChangesOnlyItsOwnLimitAndTheLastOneWins() {
        for (SettableLimit l : SettableLimit.values()) {
            Limits set = Limits.DEFAULTS.with(l, l.min());
            for (SettableLimit other : SettableLimit.values()) {
                assertThat(set.get(other)).as(l.limitName() + " -> " + other.limitName())
                        .isEqualTo(other == l ? l.min() : Limits.DEFAULTS.get(other));
            }
        }
        assertThat(Limits.parse(List.of("scan-depth=2", "scan-depth=3")).scan().maxDepth()).isEqualTo(3);
    }

    @Test
    void formatUsesTheLargestWholeUnit() {
        assertThat(SettableLimit.HTTP_BODY_BYTES.format(16L << 20)).isEqualTo("16M");
        assertThat(SettableLimit.HTTP_BODY_BYTES.format(1536)).isEqualTo("1536");
        assertThat(SettableLimit.SCAN_DEPTH.format(1024)).isEqualTo("1024");
    }
}
