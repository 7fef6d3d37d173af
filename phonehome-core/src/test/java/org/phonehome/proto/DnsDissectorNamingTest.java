package org.phonehome.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.Direction;
import org.phonehome.flow.Endpoint;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.StreamChunk;
import org.phonehome.net.IpAddress;
import org.phonehome.proto.dns.DnsParser;
import org.phonehome.testing.Traffic;

/** A DNS response names every address it answers with its question's name, normalized; the root names nothing. */
class DnsDissectorNamingTest {

    private static final IpAddress A = IpAddress.parse("203.0.113.7");
    private static final IpAddress B = IpAddress.parse("203.0.113.8");

    private static DnsDissector dissector(HostNames names, Counters counters) {
        FlowInfo flow = new FlowInfo(1, "udp", new Endpoint(IpAddress.parse("192.168.1.2"), 40000),
                new Endpoint(IpAddress.parse("192.168.1.1"), 53), "private", 1, 1000, null);
        return new DnsDissector(flow, new ProtocolListener() {
        }, counters, names, ParserMemory.forHeap(), new DnsParser());
    }

    private static void respond(DnsDissector d, byte[] response, long frame) {
        d.data(Direction.INBOUND, new StreamChunk(response, 0, response.length, 0, frame, frame * 1000), true);
    }

    @Test
    void everyAddressGetsTheQuestionsNameNormalized() {
        HostNames names = new HostNames();
        Counters counters = new Counters();
        DnsDissector d = dissector(names, counters);
        respond(d, Traffic.dnsAnswer(1, "API.Example.COM", "edge.cdn.example.net", "203.0.113.7", "203.0.113.8"), 2);
        assertThat(names.nameAt(A, 5000, 3)).isEqualTo("api.example.com");
        assertThat(names.nameAt(B, 5000, 3)).isEqualTo("api.example.com");
        assertThat(counters.get("dns_names_not_kept")).isZero();
    }

    @Test
    void theRootNamesNothingAndCountsNothing() {
        HostNames names = new HostNames();
        Counters counters = new Counters();
        respond(dissector(names, counters), Traffic.dnsAnswer(1, "", null, "203.0.113.7"), 2);
        assertThat(names.nameAt(A, 5000, 3)).isNull();
        assertThat(counters.snapshot()).doesNotContainKey("dns_names_not_kept");
    }
}
