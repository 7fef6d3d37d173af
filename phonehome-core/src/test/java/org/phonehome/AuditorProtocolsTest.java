package org.phonehome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.phonehome.report.Audit;
import org.phonehome.report.Destination;
import org.phonehome.report.FlowEntry;
import org.phonehome.testing.Traffic;

/** The protocols stage inside a whole audit: recognition, naming order, time-respecting DNS names. */
class AuditorProtocolsTest {

    private static final String PHONE = "192.168.31.100";
    private static final String RESOLVER = "192.168.31.1";

    private static Audit audit(byte[] pcap) throws Exception {
        return new Auditor().audit(new AuditRequest(
                List.of(CaptureInput.stream("test.pcap", new ByteArrayInputStream(pcap))), null, true,
                AuditRequest.Progress.NONE, null, null, null, null, null, null));
    }

    private static byte[] http(String host, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: okhttp/3.12\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void destinationsAreNamedSniThenHostThenDnsThenIp() throws Exception {
        Traffic t = new Traffic();
        // DNS: api.account.xiaomi.com is a CNAME to a CDN name with two addresses
        t.udp(PHONE, 40000, RESOLVER, 53, Traffic.dnsQuery(7, "api.account.xiaomi.com"));
        t.udp(RESOLVER, 53, PHONE, 40000,
                Traffic.dnsAnswer(7, "api.account.xiaomi.com", "cdn.xiaomi.example", "111.13.141.211", "111.13.141.212"));
        // HTTP to the first address, with a Host header naming another host: Host wins over DNS
        t.tcp(PHONE, 50001, "111.13.141.211", 80).send(http("sdkconfig.ad.xiaomi.com", "/a")).reply(
                "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).close();
        // TLS to the second address with SNI on port 5222: content says TLS, SNI names it
        t.tcp(PHONE, 50002, "111.13.141.212", 5222).send(Traffic.clientHello("app.chat.xiaomi.net")).close();
        // Raw bytes to the second address on another port: named by the DNS answer
        t.tcp(PHONE, 50003, "111.13.141.212", 9000).send("hello".getBytes(StandardCharsets.US_ASCII)).close();
        // An address that was never answered keeps its IP
        t.tcp(PHONE, 50004, "8.8.4.4", 9000).send("x".getBytes(StandardCharsets.US_ASCII)).close();

        Audit a = audit(t.pcap());
        Map<Integer, FlowEntry> byPort = a.flows().stream()
                .collect(Collectors.toMap(FlowEntry::devicePort, f -> f));
        assertThat(byPort.get(40000).protocol()).isEqualTo("dns");
        assertThat(byPort.get(50001)).extracting(FlowEntry::protocol, FlowEntry::host, FlowEntry::nameSource)
                .containsExactly("http", "sdkconfig.ad.xiaomi.com", "http_host");
        assertThat(byPort.get(50002)).extracting(FlowEntry::protocol, FlowEntry::recognizedBy, FlowEntry::host,
                FlowEntry::nameSource).containsExactly("tls", "content", "app.chat.xiaomi.net", "sni");
        assertThat(byPort.get(50003)).extracting(FlowEntry::protocol, FlowEntry::host, FlowEntry::nameSource)
                .containsExactly("raw", "api.account.xiaomi.com", "dns");
        assertThat(byPort.get(50004).host()).isNull();

        assertThat(a.destinations()).extracting(Destination::host).containsExactly("192.168.31.1", "8.8.4.4",
                "api.account.xiaomi.com", "app.chat.xiaomi.net", "sdkconfig.ad.xiaomi.com");
        Destination api = a.destinations().stream().filter(d -> d.host().equals("api.account.xiaomi.com"))
                .findFirst().orElseThrow();
        assertThat(api.ips()).containsExactly("111.13.141.212");
        assertThat(api.protocols()).containsExactly("raw");
        assertThat(a.capture().protocols()).containsEntry("dns", 1L).containsEntry("http", 1L)
                .containsEntry("tls", 1L).containsEntry("raw", 2L);
    }

    @Test
    void aDnsAnswerSeenAfterTheConnectionDoesNotNameIt() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "203.107.6.88", 9000).send("early".getBytes(StandardCharsets.US_ASCII)).close();
        t.udp(PHONE, 40000, RESOLVER, 53, Traffic.dnsQuery(9, "late.example.com"));
        t.udp(RESOLVER, 53, PHONE, 40000, Traffic.dnsAnswer(9, "late.example.com", null, "203.107.6.88"));
        t.tcp(PHONE, 50002, "203.107.6.88", 9000).send("later".getBytes(StandardCharsets.US_ASCII)).close();

        Map<Integer, FlowEntry> byPort = audit(t.pcap()).flows().stream()
                .collect(Collectors.toMap(FlowEntry::devicePort, f -> f));
        assertThat(byPort.get(50001).host()).isNull();
        assertThat(byPort.get(50002).host()).isEqualTo("late.example.com");
    }

    @Test
    void httpOnAnOddPortIsRecognisedByContent() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 5222).send(http("push.example.cn", "/p")).close();
        FlowEntry f = audit(t.pcap()).flows().get(0);
        assertThat(f.protocol()).isEqualTo("http");
        assertThat(f.recognizedBy()).isEqualTo("content");
        assertThat(f.host()).isEqualTo("push.example.cn");
    }

    @Test
    void startTlsInsideAnUnknownProtocolIsFollowed() throws Exception {
        Traffic t = new Traffic();
        t.tcp(PHONE, 50001, "1.2.3.4", 5222)
                .send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".getBytes(StandardCharsets.US_ASCII))
                .reply("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".getBytes(StandardCharsets.US_ASCII))
                .send(Traffic.clientHello("chat.example.org")).close();
        Audit a = audit(t.pcap());
        FlowEntry f = a.flows().get(0);
        assertThat(f.protocol()).isEqualTo("tls");
        assertThat(f.host()).isEqualTo("chat.example.org");
        assertThat(a.capture().anomalies()).containsEntry("tls_upgrade_in_stream", 1L);
    }

    @Test
    void clientHelloSplitOverThreeSegmentsIsRead() throws Exception {
        Traffic t = new Traffic();
        byte[] hello = Traffic.clientHello("update.miui.com");
        t.tcp(PHONE, 50001, "220.181.106.150", 443).sendSplit(hello, 3, 20).close();
        FlowEntry f = audit(t.pcap()).flows().get(0);
        assertThat(f.protocol()).isEqualTo("tls");
        assertThat(f.host()).isEqualTo("update.miui.com");
    }

    @Test
    void aLargeHighEntropyUploadIsFlaggedAndActiveHoursAreKept() throws Exception {
        Traffic t = new Traffic();
        byte[] recording = new byte[1_500_000];
        new java.util.Random(5).nextBytes(recording);
        t.tcp(PHONE, 50001, "1.2.3.4", 7000).send(recording).reply("ok".getBytes(StandardCharsets.US_ASCII))
                .close();
        byte[] text = "the same words again and again ".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        t.tcp(PHONE, 50002, "5.6.7.8", 7000).send(text).close();
        Audit a = audit(t.pcap());
        Destination random = a.destinations().stream().filter(d -> d.host().equals("1.2.3.4")).findFirst().orElseThrow();
        Destination plain = a.destinations().stream().filter(d -> d.host().equals("5.6.7.8")).findFirst().orElseThrow();
        assertThat(random.highEntropyUploads()).isEqualTo(1);
        assertThat(plain.highEntropyUploads()).isZero();
        // Traffic's clock starts at 08:00 UTC
        assertThat(random.activeHours()).containsExactly(8);
    }

    /**
     * Unnamed flows to servers in turn, among them addresses whose texts share a slot of the collector's room for
     * them: each flow still counts under its own server's address.
     */
    @Test
    void unnamedFlowsToServersInTurnEachCountUnderTheirOwnAddress() throws Exception {
        // Two addresses of one slot (the collector keeps 64 texts by the address's hash), and a third of another
        String first = "10.0.0.1";
        String sameSlot = null;
        String otherSlot = null;
        int slot = org.phonehome.net.IpAddress.parse(first).hashCode() & 63;
        for (int i = 2; i < 250 && (sameSlot == null || otherSlot == null); i++) {
            String candidate = "10.0.0." + i;
            boolean same = (org.phonehome.net.IpAddress.parse(candidate).hashCode() & 63) == slot;
            if (same && sameSlot == null) {
                sameSlot = candidate;
            } else if (!same && otherSlot == null) {
                otherSlot = candidate;
            }
        }
        assertThat(sameSlot).isNotNull();
        Traffic t = new Traffic();
        String[] turns = {first, sameSlot, otherSlot, first, sameSlot, first};
        for (int i = 0; i < turns.length; i++) {
            t.udp(PHONE, 41000 + i, turns[i], 9999, new byte[] {1, 2, 3});
        }
        Audit a = audit(t.pcap());
        Map<String, Long> flowsByHost = a.destinations().stream()
                .collect(Collectors.toMap(Destination::host, Destination::flows));
        assertThat(flowsByHost).containsExactlyInAnyOrderEntriesOf(Map.of(first, 3L, sameSlot, 2L, otherSlot, 1L));
    }
}
