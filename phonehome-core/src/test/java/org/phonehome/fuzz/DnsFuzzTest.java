package org.phonehome.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.dns.DnsMessage;
import org.phonehome.proto.dns.DnsParser;
import org.phonehome.proto.dns.DnsTcpFramer;

/**
 * The DNS parser on any message (as UDP carries it, and at an offset), and the TCP framer on the same bytes cut in
 * two: nothing may throw; a message comes back whenever the id and flags are there; a parser used for message after
 * message gives each what a new parser gives it.
 */
class DnsFuzzTest {

    @FuzzTest
    void parsesAnyMessage(byte[] data) {
        DnsParser worker = new DnsParser();
        DnsMessage m = worker.parse(data, 0, data.length);
        assertThat(m).isEqualTo(DnsParser.parseOne(data, 0, data.length));
        if (data.length >= 4) {
            assertThat(m).isNotNull();
            check(m);
        }
        if (data.length > 1) {
            DnsMessage shifted = worker.parse(data, 1, data.length - 1);
            assertThat(shifted).isEqualTo(DnsParser.parseOne(data, 1, data.length - 1));
            if (shifted != null) {
                check(shifted);
            }
        }
        List<DnsTcpFramer.Framed> framed = new ArrayList<>();
        DnsTcpFramer framer = new DnsTcpFramer(framed::add);
        int cut = data.length == 0 ? 0 : (data[0] & 0xff) % (data.length + 1);
        framer.data(new StreamChunk(data, 0, cut, 0, 1, 0));
        framer.data(new StreamChunk(data, cut, data.length - cut, cut, 2, 0));
        for (DnsTcpFramer.Framed f : framed) {
            DnsMessage tcp = worker.parse(f.data(), 0, f.data().length);
            assertThat(tcp).isEqualTo(DnsParser.parseOne(f.data(), 0, f.data().length));
            if (tcp != null) {
                check(tcp);
            }
        }
    }

    private static void check(DnsMessage m) {
        assertThat(m.questions()).doesNotContainNull();
        assertThat(m.answers()).doesNotContainNull();
        assertThat(m.authorities()).doesNotContainNull();
        assertThat(m.additionals()).doesNotContainNull();
        m.toString();
    }
}
