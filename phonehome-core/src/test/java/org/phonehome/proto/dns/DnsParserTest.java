package org.phonehome.proto.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.StreamChunk;
import org.phonehome.net.IpAddress;
import org.phonehome.proto.ParserMemory;

class DnsParserTest {

    /** Builds DNS messages byte by byte, so each fixture says what its bytes are. */
    static final class Msg {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Msg u8(int v) {
            out.write(v);
            return this;
        }

        Msg u16(int v) {
            return u8(v >>> 8).u8(v & 0xff);
        }

        Msg u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v & 0xffff);
        }

        /** A name as uncompressed labels, ending with the root label. */
        Msg name(String dotted) {
            for (String label : dotted.split("\\.")) {
                u8(label.length());
                out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            return u8(0);
        }

        /** A compression pointer to {@code offset}. */
        Msg pointer(int offset) {
            return u16(0xc000 | offset);
        }

        Msg bytes(int... bs) {
            for (int b : bs) {
                u8(b);
            }
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    private static Msg header(int id, int flags, int qd, int an, int ns, int ar) {
        return new Msg().u16(id).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
    }

    private static DnsMessage parse(byte[] b) {
        return DnsParser.parseOne(b, 0, b.length);
    }

    @Test
    void parsesAQuery() {
        // id 0xfba6, flags 0x0100 (RD), one question: captive.apple.com A IN
        byte[] b = header(0xfba6, 0x0100, 1, 0, 0, 0).name("captive.apple.com").u16(1).u16(1).get();
        DnsMessage m = parse(b);
        assertThat(m.id()).isEqualTo(0xfba6);
        assertThat(m.response()).isFalse();
        assertThat(m.questions()).containsExactly(new DnsQuestion("captive.apple.com", 1, 1));
        assertThat(m.anomaly()).isNull();
    }

    @Test
    void followsCnameChainWithCompression() {
        Msg m = header(0x1234, 0x8180, 1, 3, 0, 0);
        int qname = m.size(); // 12: the question name, target of later pointers
        m.name("www.xiaomi.com").u16(1).u16(1);
        // answer 1: www.xiaomi.com CNAME www.xiaomi.com.cdn.example (target compressed: "www" "xiaomi" "com" ptr)
        m.pointer(qname).u16(5).u16(1).u32(300);
        int rdStart = m.size() + 2;
        m.u16(4 + 4 + 2).bytes(3, 'c', 'd', 'n').bytes(3, 'e', 'x', 'a').pointer(qname + 4);
        // answer 2: cdn.exa.xiaomi.com A 111.13.141.211
        m.pointer(rdStart).u16(1).u16(1).u32(60).u16(4).bytes(111, 13, 141, 211);
        // answer 3: cdn.exa.xiaomi.com AAAA 2408:8207::1
        m.pointer(rdStart).u16(28).u16(1).u32(60).u16(16)
                .bytes(0x24, 0x08, 0x82, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        DnsMessage d = parse(m.get());
        assertThat(d.anomaly()).isNull();
        assertThat(d.response()).isTrue();
        assertThat(d.answers()).hasSize(3);
        assertThat(d.answers().get(0).target()).isEqualTo("cdn.exa.xiaomi.com");
        assertThat(d.answers().get(1).name()).isEqualTo("cdn.exa.xiaomi.com");
        assertThat(d.answers().get(1).address()).isEqualTo(IpAddress.parse("111.13.141.211"));
        assertThat(d.answers().get(2).address()).isEqualTo(IpAddress.parse("2408:8207::1"));
    }

    @Test
    void ownerNamesPointingAtANameAlreadyReadGiveThatNameAndThePointersSuffixesTheirOwn() {
        Msg m = header(0x4321, 0x8180, 1, 4, 0, 0);
        int qname = m.size();
        m.name("api.ad.xiaomi.com").u16(1).u16(1);
        m.pointer(qname).u16(1).u16(1).u32(61).u16(4).bytes(10, 0, 0, 1);
        m.pointer(qname + 4).u16(1).u16(1).u32(62).u16(4).bytes(10, 0, 0, 2); // "ad.xiaomi.com": a suffix
        m.pointer(qname).u16(1).u16(1).u32(63).u16(4).bytes(10, 0, 0, 3);
        m.pointer(qname + 4).u16(1).u16(1).u32(64).u16(4).bytes(10, 0, 0, 4);
        DnsMessage d = parse(m.get());
        assertThat(d.anomaly()).isNull();
        assertThat(d.answers()).extracting(DnsRecord::name)
                .containsExactly("api.ad.xiaomi.com", "ad.xiaomi.com", "api.ad.xiaomi.com", "ad.xiaomi.com");
        assertThat(d.answers()).extracting(DnsRecord::ttl).containsExactly(61L, 62L, 63L, 64L);
        assertThat(d.answers()).extracting(r -> r.address().toString())
                .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4");
    }

    @Test
    void aParserUsedMessageAfterMessageGivesEachWhatANewParserGives() {
        // Each message leaves something behind in a parser's scratch room: a name remembered at offset 12, a soft
        // anomaly, a section cut short, a long name in the builder. None of it may show in the next message.
        Msg first = header(1, 0x8180, 1, 1, 0, 0);
        int qname = first.size();
        first.name("api.ad.xiaomi.com").u16(1).u16(1).pointer(qname).u16(1).u16(1).u32(60).u16(4).bytes(10, 0, 0, 1);
        Msg longName = tooLongName(header(2, 0x0100, 1, 0, 0, 0)).u16(1).u16(1);
        Msg second = header(3, 0x8180, 1, 2, 0, 0);
        second.name("cdn.example.net").u16(28).u16(1).pointer(qname).u16(1).u16(1).u32(30).u16(4)
                .bytes(10, 0, 0, 2).pointer(qname + 4).u16(1).u16(1).u32(30).u16(4).bytes(10, 0, 0, 3);
        byte[] cut = java.util.Arrays.copyOf(first.get(), first.size() - 3);
        byte[] escaped = header(4, 0x0100, 1, 0, 0, 0).u8(2).bytes(' ', 0xff).name("cn").u16(1).u16(1).get();
        byte[] shortHeader = {0, 5, (byte) 0x81, (byte) 0x80, 0, 1};
        List<byte[]> messages = List.of(first.get(), second.get(), longName.get(), second.get(), cut, second.get(),
                escaped, shortHeader, first.get(), longName.get(), escaped);
        DnsParser worker = new DnsParser();
        for (byte[] b : messages) {
            assertThat(worker.parse(b, 0, b.length)).isEqualTo(parse(b));
        }
        DnsMessage again = worker.parse(second.get(), 0, second.size());
        assertThat(again.anomaly()).isNull();
        assertThat(again.answers()).extracting(DnsRecord::name).containsExactly("cdn.example.net", "example.net");
        assertThat(worker.parse(first.get(), 0, first.size()).answers()).extracting(DnsRecord::name)
                .containsExactly("api.ad.xiaomi.com");
    }

    @Test
    void pointerLoopIsAnAnomalyNotAHang() {
        // question name at offset 12 is a pointer to itself
        byte[] b = header(1, 0x0100, 1, 0, 0, 0).pointer(12).u16(1).u16(1).get();
        DnsMessage m = parse(b);
        assertThat(m.anomaly()).isEqualTo("dns_name_pointer_loop");
        assertThat(m.questions()).isEmpty();
    }

    @Test
    void twoPointersPointingAtEachOtherAreALoop() {
        // offset 12: label "a" then pointer to 17; offset 17: pointer back to 12
        byte[] b = header(1, 0x0100, 1, 0, 0, 0).bytes(1, 'a').pointer(17).bytes(0).pointer(12).get();
        assertThat(parse(b).anomaly()).isEqualTo("dns_name_pointer_loop");
    }

    @Test
    void pointerPastTheEndIsOutOfRange() {
        byte[] b = header(1, 0x0100, 1, 0, 0, 0).pointer(0x3fff).u16(1).u16(1).get();
        assertThat(parse(b).anomaly()).isEqualTo("dns_name_pointer_out_of_range");
    }

    @Test
    void truncatedAnswerKeepsTheQuestion() {
        byte[] full = header(7, 0x8180, 1, 1, 0, 0).name("time.android.com").u16(1).u16(1)
                .pointer(12).u16(1).u16(1).u32(60).u16(4).bytes(216, 239, 35, 8).get();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 2);
        DnsMessage m = parse(cut);
        assertThat(m.anomaly()).isEqualTo("dns_truncated");
        assertThat(m.questions()).extracting(DnsQuestion::name).containsExactly("time.android.com");
        assertThat(m.answers()).isEmpty();
    }

    @Test
    void headerCutShortKeepsIdAndFlags() {
        // id 0x7f55, flags 0x8180 (response), then the counts are cut off
        byte[] b = {0x7f, 0x55, (byte) 0x81, (byte) 0x80, 0, 1};
        DnsMessage m = DnsParser.parseOne(b, 0, b.length);
        assertThat(m.id()).isEqualTo(0x7f55);
        assertThat(m.response()).isTrue();
        assertThat(m.anomaly()).isEqualTo("dns_truncated");
        assertThat(DnsParser.parseOne(b, 0, 3)).isNull();
    }

    @Test
    void nameLongerThan255IsAnAnomaly() {
        Msg m = tooLongName(header(1, 0x0100, 1, 0, 0, 0)).u16(1).u16(1);
        assertThat(parse(m.get()).anomaly()).isEqualTo("dns_name_too_long");
    }

    /** A name of five 63-byte labels (321 octets on the wire, past the 255 allowed), written after {@code m}. */
    private static Msg tooLongName(Msg m) {
        for (int i = 0; i < 5; i++) {
            m.u8(63);
            for (int j = 0; j < 63; j++) {
                m.u8('a');
            }
        }
        return m.u8(0);
    }

    @Test
    void bytesOutsidePrintableAsciiAreEscapedWhereverTheyStandInALabel() {
        // RFC 4343 section 2.1: \DDD for a space, a control byte and a high byte, first, inside and last in a label.
        byte[] b = header(1, 0x0100, 1, 0, 0, 0).u8(7).bytes(' ', 'a', 0x01, 'b', 0xff, 'c', 0x7f).name("cn")
                .u16(1).u16(1).get();
        assertThat(parse(b).questions()).extracting(DnsQuestion::name)
                .containsExactly("\\032a\\001b\\255c\\127.cn");
    }

    @Test
    void extendedLabelTypeIsRejected() {
        byte[] b = header(1, 0x0100, 1, 0, 0, 0).bytes(0x41, 0, 0).u16(1).u16(1).get();
        DnsMessage m = parse(b);
        assertThat(m.anomaly()).isEqualTo("dns_name_bad_label_type");
        assertThat(m.questions()).extracting(DnsQuestion::name).containsExactly(DnsParser.UNKNOWN_EXTENDED_LABEL);
    }

    @Test
    void httpsRecordGivesTargetAndHints() {
        Msg m = header(0xf29f, 0x8180, 1, 1, 0, 0).name("cloudflare.com").u16(65).u16(1);
        // HTTPS RR: priority 1, TargetName "." (root), alpn=h2, ipv4hint 104.16.132.229, ipv6hint 2606:4700::6810:84e5
        m.pointer(12).u16(65).u16(1).u32(300);
        m.u16(2 + 1 + (4 + 3) + (4 + 4) + (4 + 16));
        m.u16(1).u8(0);
        m.u16(1).u16(3).bytes(2, 'h', '2');
        m.u16(4).u16(4).bytes(104, 16, 132, 229);
        m.u16(6).u16(16).bytes(0x26, 0x06, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x68, 0x10, 0x84, 0xe5);
        DnsMessage d = parse(m.get());
        assertThat(d.anomaly()).isNull();
        DnsRecord r = d.answers().get(0);
        assertThat(r.target()).isEqualTo("<Root>");
        assertThat(r.hints()).containsExactly(IpAddress.parse("104.16.132.229"),
                IpAddress.parse("2606:4700::6810:84e5"));
    }

    @Test
    void ptrRecordTarget() {
        Msg m = header(2, 0x8180, 1, 1, 0, 0).name("4.4.8.8.in-addr.arpa").u16(12).u16(1);
        m.pointer(12).u16(12).u16(1).u32(60).u16(12).name("dns.google");
        assertThat(parse(m.get()).answers().get(0).target()).isEqualTo("dns.google");
    }

    @Test
    void mdnsClassBitsAreMasked() {
        // mDNS sets the top bit of QCLASS for "unicast response wanted"
        byte[] b = header(0, 0, 1, 0, 0, 0).name("_googlecast._tcp.local").u16(12).u16(0x8001).get();
        assertThat(parse(b).questions().get(0).dnsClass()).isEqualTo(1);
    }

    @Test
    void absurdRecordCountsAreBounded() {
        byte[] b = header(1, 0x8180, 0xffff, 0xffff, 0xffff, 0xffff).get();
        DnsMessage m = parse(b);
        assertThat(m.anomaly()).isEqualTo("dns_truncated");
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[rnd.nextInt(300)];
            rnd.nextBytes(b);
            if (b.length > 5 && rnd.nextBoolean()) {
                b[4] = 0;
                b[5] = 1; // one question, so names get parsed more often
            }
            DnsParser.parseOne(b, 0, b.length);
        }
    }

    @Test
    void tcpFramerCutsMessagesAcrossChunks() {
        byte[] q1 = header(1, 0x0100, 1, 0, 0, 0).name("a.example").u16(1).u16(1).get();
        byte[] q2 = header(2, 0x0100, 1, 0, 0, 0).name("b.example").u16(28).u16(1).get();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] q : List.of(q1, q2)) {
            stream.write(q.length >>> 8);
            stream.write(q.length & 0xff);
            stream.writeBytes(q);
        }
        byte[] s = stream.toByteArray();
        for (int cut = 1; cut < s.length; cut++) {
            List<DnsTcpFramer.Framed> got = new ArrayList<>();
            DnsTcpFramer f = new DnsTcpFramer(got::add);
            f.data(new StreamChunk(s, 0, cut, 0, 1, 0));
            f.data(new StreamChunk(s, cut, s.length - cut, cut, 2, 0));
            assertThat(got).hasSize(2);
            assertThat(parse(got.get(0).data()).questions().get(0).name()).isEqualTo("a.example");
            assertThat(parse(got.get(1).data()).questions().get(0).type()).isEqualTo(28);
        }
    }

    /** {@code messages} of {@code length} bytes each, as a DNS-over-TCP stream: each after its two-byte length. */
    private static byte[] tcpStream(int messages, int length) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            stream.write(length >>> 8);
            stream.write(length & 0xff);
            byte[] m = new byte[length];
            java.util.Arrays.fill(m, (byte) i);
            stream.writeBytes(m);
        }
        return stream.toByteArray();
    }

    @Test
    void tcpFramerHoldsWhatArrivedNotWhatWasAnnouncedAndGivesItBack() {
        ParserMemory memory = new ParserMemory(1 << 20);
        List<DnsTcpFramer.Framed> got = new ArrayList<>();
        List<String> anomalies = new ArrayList<>();
        DnsTcpFramer f = new DnsTcpFramer(got::add, memory, anomalies::add);
        byte[] s = tcpStream(2, 60_000);
        f.data(new StreamChunk(s, 0, 2 + 1_000, 0, 1, 0)); // 60,000 announced, 1,000 sent
        assertThat(memory.left()).isEqualTo((1 << 20) - (1_000 - 512)); // what came, past the free 512 bytes
        f.data(new StreamChunk(s, 1_002, s.length - 1_002, 1_002, 2, 0));
        assertThat(got).extracting(m -> m.data().length).containsExactly(60_000, 60_000);
        assertThat(got.get(1).data()[59_999]).isEqualTo((byte) 1);
        assertThat(memory.left()).isEqualTo(1 << 20);
        assertThat(anomalies).isEmpty();

        byte[] partial = tcpStream(1, 30_000);
        f.data(new StreamChunk(partial, 0, 20_000, s.length, 3, 0));
        assertThat(memory.left()).isLessThan((1 << 20) - 10_000);
        f.end();
        assertThat(memory.left()).isEqualTo(1 << 20);
        assertThat(anomalies).containsExactly(DnsTcpFramer.INCOMPLETE); // cut by the end, counted
    }

    @Test
    void tcpFramerSkipsAMessageTheSharedBoundRefusesAndReadsTheNext() {
        ParserMemory memory = new ParserMemory(4_096);
        List<DnsTcpFramer.Framed> got = new ArrayList<>();
        List<String> anomalies = new ArrayList<>();
        DnsTcpFramer f = new DnsTcpFramer(got::add, memory, anomalies::add);
        byte[] big = tcpStream(1, 40_000);
        byte[] q = header(7, 0x0100, 1, 0, 0, 0).name("c.example").u16(1).u16(1).get();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(big);
        stream.write(0);
        stream.write(q.length);
        stream.writeBytes(q);
        byte[] s = stream.toByteArray();
        for (int off = 0; off < s.length; off += 1_448) {
            f.data(new StreamChunk(s, off, Math.min(1_448, s.length - off), off, 1 + off / 1_448, 0));
        }
        assertThat(anomalies).containsExactly(DnsTcpFramer.MEMORY_FULL);
        assertThat(got).singleElement().satisfies(m -> assertThat(parse(m.data()).questions().get(0).name())
                .isEqualTo("c.example"));
        assertThat(memory.left()).isEqualTo(4_096);
    }
}
