package org.phonehome.detect.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.detect.scan.Variants.ascii;
import static org.phonehome.detect.scan.Variants.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.flow.Direction;
import org.phonehome.proto.Message;
import org.phonehome.proto.MessagePart;

class MessageScannerTest {
    @Test
    void hitsAreTaggedWithTheirPart() {
        String imei = "864048021234563";
        ByteMatcher m = ByteMatcher.compile(List.of(of("imei[0]", "plain", imei, true)));
        MessageScanner s = new MessageScanner(new ContainerScanner(m, ScanLimits.DEFAULT));
        Direction dir = Direction.values()[0];
        Message msg = new Message(1, dir, "http", List.of(
                new MessagePart("url", null, ascii("/v1/ping"), List.of()),
                new MessagePart("query", "did", ascii(imei), List.of("urlencoded")),
                new MessagePart("header", "X-Dev", ascii("1" + imei), List.of())), List.of(5L), 0);
        List<PartHit> hits = s.scan(msg, new Counters());
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.partIndex()).isEqualTo(1);
            assertThat(h.kind()).isEqualTo("query");
            assertThat(h.name()).isEqualTo("did");
            assertThat(h.hit().layers()).containsExactly("urlencoded");
            assertThat(h.hit().topLevel()).isTrue();
        });
    }
}
