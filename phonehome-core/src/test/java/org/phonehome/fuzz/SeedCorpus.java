package org.phonehome.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.phonehome.capture.CaptureReader;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.Captures;
import org.phonehome.capture.LinkType;
import org.phonehome.proto.quic.QuicInitialKeys;
import org.phonehome.proto.quic.QuicVersion;
import org.phonehome.policy.PolicyFixtures;
import org.phonehome.testing.CaptureBuilder;
import org.phonehome.testing.Codecs;
import org.phonehome.testing.Http2Frames;
import org.phonehome.testing.PcapngBuilder;
import org.phonehome.testing.Traffic;

/**
 * Writes the seed inputs of every fuzz target: a few small valid inputs each (a DNS exchange, an HTTP request, a TLS
 * ClientHello, a QUIC Initial, ...), made with the test builders. The committed files under
 * {@code src/test/resources/org/phonehome/fuzz/<Target>Inputs/} were written by this class; crash inputs that
 * fuzzing found sit beside them as {@code crash-*}. Run it with {@code scripts/fuzz --seeds}.
 */
public final class SeedCorpus {
    static final byte[] DCID = {(byte) 0x83, (byte) 0x94, (byte) 0xc8, (byte) 0xf0, 0x3e, 0x51, 0x57, 0x08};

    private SeedCorpus() {
    }

    /** Writes every target's seeds under {@code args[0]} (the test resources folder of package org.phonehome.fuzz). */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "phonehome-core/src/test/resources/org/phonehome/fuzz");
        Map<String, Map<String, byte[]>> all = new LinkedHashMap<>();
        all.put("CaptureFuzzTest", captures());
        all.put("PacketDecoderFuzzTest", frames());
        all.put("FlowTableFuzzTest", flows());
        all.put("DnsFuzzTest", dns());
        all.put("HttpFuzzTest", http());
        all.put("TlsFuzzTest", tls());
        all.put("QuicFuzzTest", quic());
        all.put("ContainerScannerFuzzTest", containers());
        all.put("DeviceProfileFuzzTest", profiles());
        all.put("AuditorFuzzTest", audits());
        all.put("Http2FuzzTest", http2());
        all.put("TlsDecryptFuzzTest", tlsDecrypt());
        all.put("PolicyFuzzTest", policies());
        all.put("ContentDecodingFuzzTest", contentDecoding());
        all.put("ByteMatcherFuzzTest", matcherInputs());
        all.put("LibdeflateFuzzTest", deflateStreams());
        all.put("TimesFuzzTest", times());
        for (Map.Entry<String, Map<String, byte[]>> target : all.entrySet()) {
            Path dir = root.resolve(target.getKey() + "Inputs");
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                Files.write(dir.resolve("seed-" + seed.getKey()), seed.getValue());
            }
            System.out.println(dir + ": " + target.getValue().size() + " seeds");
        }
    }

    /** Times as the report writes them (each fraction length) and as a policy file may give them. */
    static Map<String, byte[]> times() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("seconds", ascii(org.phonehome.report.Times.iso(1_710_230_400_000_000_000L)));
        s.put("millis", ascii(org.phonehome.report.Times.iso(1_710_230_400_120_000_000L)));
        s.put("micros", ascii(org.phonehome.report.Times.iso(1_710_230_400_019_376_000L)));
        s.put("nanos", ascii(org.phonehome.report.Times.iso(1_710_230_400_019_376_123L)));
        s.put("leap-day", ascii("2024-02-29T23:59:59.999999999Z"));
        s.put("offset", ascii("2014-08-10T09:30:00+02:00"));
        s.put("leap-second", ascii("2016-12-31T23:59:60Z"));
        return s;
    }

    // ---- whole captures

    static byte[] dnsExchangePcap() {
        return new Traffic()
                .udp("10.0.0.2", 40001, "8.8.8.8", 53, Traffic.dnsQuery(0x1234, "api.example.com"))
                .udp("8.8.8.8", 53, "10.0.0.2", 40001,
                        Traffic.dnsAnswer(0x1234, "api.example.com", "edge.example.net", "93.184.216.34"))
                .pcap();
    }

    static byte[] httpPcap() {
        Traffic t = new Traffic();
        t.tcp("10.0.0.2", 40000, "93.184.216.34", 80)
                .send(ascii("GET /track?imei=864048021234563 HTTP/1.1\r\nHost: api.example.com\r\n\r\n"))
                .reply(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
                .close();
        return t.pcap();
    }

    static byte[] tlsPcap() {
        Traffic t = new Traffic();
        t.tcp("10.0.0.2", 40002, "93.184.216.35", 443).send(Traffic.clientHello("api.example.com")).close();
        return t.pcap();
    }

    static Map<String, byte[]> captures() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("dns.pcap", dnsExchangePcap());
        s.put("http.pcap", httpPcap());
        s.put("tls.pcap.gz", CaptureBuilder.gzip(tlsPcap()));
        s.put("be-ns.pcap", CaptureBuilder.pcap(LinkType.RAW).bigEndian().nanoseconds()
                .packet(1_000_000_001L, Frames.ipv4("10.0.0.2", "8.8.8.8", Frames.UDP, 1, 0,
                        Frames.udp(40001, 53, Traffic.dnsQuery(7, "a.example")))).bytes());
        s.put("blocks.pcapng", CaptureBuilder.pcapng().iface(LinkType.ETHERNET)
                .pcapdroidUidMap(10123, "com.example.app", "Example")
                .epb(0, 1_000_000_000L, 80, firstFrame(dnsExchangePcap()), "a comment")
                .spb(60, firstFrame(httpPcap()))
                .dsb(0x544c534b, ascii("CLIENT_RANDOM 00 11\n"))
                .nrbIpv4(new byte[] {93, (byte) 184, (byte) 216, 34}, "api.example.com")
                .isb(0)
                .custom(PcapngBuilder.CUSTOM, PcapngBuilder.PCAPDROID_PEN, new byte[] {1, 2, 3, 4})
                .bytes());
        return s;
    }

    /** Every frame of a classic pcap. */
    static java.util.List<byte[]> framesOf(byte[] pcap) throws IOException {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(pcap), "seed")) {
            CapturedPacket p;
            while ((p = r.next()) != null) {
                out.add(p.data());
            }
        }
        return out;
    }

    private static byte[] firstFrame(byte[] pcap) throws IOException {
        return framesOf(pcap).get(0);
    }

    // ---- frames for the decoder (op code: link type index in PacketDecoderFuzzTest.LINK_TYPES)

    static Map<String, byte[]> frames() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        FuzzScript.Writer eth = new FuzzScript.Writer();
        for (byte[] f : framesOf(httpPcap())) {
            eth.op(0, f);
        }
        s.put("ethernet-tcp", eth.bytes());
        byte[] udp = Frames.udp(40001, 53, Traffic.dnsQuery(9, "fragmented.example.com"));
        byte[] first = java.util.Arrays.copyOfRange(udp, 0, 16);
        byte[] rest = java.util.Arrays.copyOfRange(udp, 16, udp.length);
        byte[] frag1 = Frames.ipv4("10.0.0.2", "8.8.8.8", Frames.UDP, 77, 0x2000, first);
        byte[] frag2 = Frames.ipv4("10.0.0.2", "8.8.8.8", Frames.UDP, 77, 2, rest);
        // the second fragment's header must announce the whole datagram's protocol: both carry UDP
        s.put("ipv4-fragments", new FuzzScript.Writer().op(1, frag2).op(1, frag1).bytes());
        byte[] v6 = Frames.ipv6("fd00::2", "2001:4860:4860::8888", Frames.UDP,
                Frames.udp(40001, 53, Traffic.dnsQuery(10, "v6.example")));
        byte[] loop = new byte[4 + v6.length];
        loop[0] = 30; // AF_INET6 on macOS, host byte order (little-endian)
        System.arraycopy(v6, 0, loop, 4, v6.length);
        s.put("ipv6-links", new FuzzScript.Writer().op(3, v6).op(1, v6).op(4, loop).bytes());
        byte[] ip = Frames.ipv4("10.0.0.2", "8.8.8.8", Frames.UDP, 5, 0, udp);
        byte[] vlan = new byte[18 + ip.length];
        System.arraycopy(Frames.ethernet(ip), 0, vlan, 0, 12);
        vlan[12] = (byte) 0x81;
        vlan[14] = 0;
        vlan[15] = 42;
        vlan[16] = 0x08;
        System.arraycopy(ip, 0, vlan, 18, ip.length);
        byte[] sll = new byte[16 + ip.length];
        sll[1] = 4;           // packet sent by us
        sll[3] = 1;           // ARPHRD_ETHER
        sll[5] = 6;           // address length
        sll[14] = 0x08;       // protocol IPv4
        System.arraycopy(ip, 0, sll, 16, ip.length);
        s.put("vlan-sll", new FuzzScript.Writer().op(0, vlan).op(6, sll).op(0x22, ip).bytes());
        return s;
    }

    // ---- packets for the flow table (see FlowTableFuzzTest for the op code)

    static Map<String, byte[]> flows() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        s.put("tcp-session", new FuzzScript.Writer()
                .op(0x00, new byte[] {0x02, 0}).op(0x08, new byte[] {0x12, 0}).op(0x00, new byte[] {0x10, 0})
                .op(0x00, concat(new byte[] {0x18, 0}, request))
                .op(0x08, concat(new byte[] {0x18, 0}, ascii("HTTP/1.1 200 OK\r\n\r\n")))
                .op(0x30, concat(new byte[] {0x18, 10}, request))
                .op(0x00, concat(new byte[] {0x18, 0}, request))
                .op(0x20, concat(new byte[] {0x18, 0}, request))
                .op(0x00, new byte[] {0x11, 0}).op(0x08, new byte[] {0x11, 0}).op(0x00, new byte[] {0x10, 0})
                .bytes());
        s.put("seq-jumps", new FuzzScript.Writer()
                .op(0x50, concat(new byte[] {0x02, 3}, ascii("x"))).op(0x00, concat(new byte[] {0x18, 0}, request))
                .op(0x10, concat(new byte[] {0x18, 0}, request)).op(0x60, concat(new byte[] {0x18, 0}, request))
                .op(0x70, concat(new byte[] {0x18, 0}, request)).op(0x04, new byte[] {0x04, 0}).bytes());
        s.put("udp-and-idle", new FuzzScript.Writer()
                .op(0x03, concat(new byte[] {0, 0}, Traffic.dnsQuery(1, "a.example")))
                .op(0x0b, concat(new byte[] {0, 20}, Traffic.dnsAnswer(1, "a.example", null, "1.2.3.4")))
                .op(0x87, new byte[] {0, 0, 1, 2, 3}).op(0x07, new byte[] {0, 0}).op(0x05, new byte[] {0, 0, 9})
                .bytes());
        return s;
    }

    // ---- DNS messages

    static Map<String, byte[]> dns() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("query", Traffic.dnsQuery(0x1234, "api.example.com"));
        s.put("answer-cname", Traffic.dnsAnswer(0x1234, "api.example.com", "edge.example.net", "93.184.216.34",
                "93.184.216.35"));
        byte[] loop = Traffic.dnsQuery(0x4321, "x");
        // point the question name at itself: a compression loop
        loop[12] = (byte) 0xc0;
        loop[13] = 12;
        s.put("pointer-loop", loop);
        return s;
    }

    // ---- HTTP streams (see StreamScript for the op code)

    static Map<String, byte[]> http() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] get = ascii("GET /track?imei=864048021234563&x=%41 HTTP/1.1\r\nHost: api.example.com\r\n"
                + "Cookie: a=b\r\n\r\n");
        byte[] ok = ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n"
                + "{\"a\":[1]}");
        s.put("get-ok", new FuzzScript.Writer().op(StreamScript.OUT, get).op(StreamScript.IN, ok)
                .op(StreamScript.END).bytes());
        byte[] json = gzip(ascii("{\"imei\":\"864048021234563\",\"loc\":{\"lat\":22.54321}}"));
        byte[] post = concat(ascii("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(json.length) + "\r\n"), json, ascii("\r\n0\r\n\r\n"));
        s.put("post-chunked-gzip", new FuzzScript.Writer().op(StreamScript.OUT, java.util.Arrays.copyOf(post, 40))
                .op(StreamScript.OUT, java.util.Arrays.copyOfRange(post, 40, post.length))
                .op(StreamScript.IN, ascii("HTTP/1.1 204 No Content\r\n\r\n")).bytes());
        byte[] form = ascii("POST /f HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=XX\r\n"
                + "Content-Length: 64\r\n\r\n--XX\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\nt@e.c\r\n--XX--\r\n");
        s.put("multipart-gap", new FuzzScript.Writer().op(StreamScript.OUT, form).op(StreamScript.GAP_OUT, new byte[3])
                .op(StreamScript.OUT, get).bytes());
        s.put("connect-tunnel", new FuzzScript.Writer()
                .op(StreamScript.OUT, ascii("CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com\r\n\r\n"))
                .op(StreamScript.IN, ascii("HTTP/1.1 200 Connection established\r\n\r\n"))
                .op(StreamScript.OUT, Traffic.clientHello("api.example.com")).bytes());
        return s;
    }

    // ---- TLS streams

    static Map<String, byte[]> tls() throws Exception {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] ch = Traffic.clientHello("api.example.com");
        s.put("client-hello", new FuzzScript.Writer().op(StreamScript.OUT, ch).op(StreamScript.END).bytes());
        s.put("client-hello-split", new FuzzScript.Writer().op(StreamScript.OUT, java.util.Arrays.copyOf(ch, 7))
                .op(StreamScript.OUT, java.util.Arrays.copyOfRange(ch, 7, ch.length)).bytes());
        ByteArrayOutputStream sh = new ByteArrayOutputStream();
        sh.writeBytes(new byte[] {3, 3});
        sh.writeBytes(new byte[32]);
        sh.write(0);
        sh.writeBytes(new byte[] {(byte) 0xc0, 0x2f, 0});
        byte[] ext = {0, 16, 0, 5, 0, 3, 2, 'h', '2'};   // ALPN h2
        sh.writeBytes(new byte[] {0, (byte) ext.length});
        sh.writeBytes(ext);
        byte[] cert = someCertificate();
        ByteArrayOutputStream certs = new ByteArrayOutputStream();
        int listLength = 3 + cert.length;
        certs.writeBytes(new byte[] {(byte) (listLength >>> 16), (byte) (listLength >>> 8), (byte) listLength});
        certs.writeBytes(new byte[] {(byte) (cert.length >>> 16), (byte) (cert.length >>> 8), (byte) cert.length});
        certs.writeBytes(cert);
        byte[] flight = concat(handshake(2, sh.toByteArray()), handshake(11, certs.toByteArray()),
                handshake(14, new byte[0]));
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int off = 0; off < flight.length; off += 1000) {
            int n = Math.min(1000, flight.length - off);
            records.writeBytes(new byte[] {0x16, 3, 3, (byte) (n >>> 8), (byte) n});
            records.write(flight, off, n);
        }
        s.put("server-flight", new FuzzScript.Writer().op(StreamScript.OUT, ch).op(StreamScript.IN,
                records.toByteArray()).op(StreamScript.IN, new byte[] {0x14, 3, 3, 0, 1, 1}).bytes());
        return s;
    }

    private static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type, (byte) (body.length >>> 16), (byte) (body.length >>> 8),
            (byte) body.length}, body);
    }

    /** A real DER certificate: the smallest CA certificate of the JDK's trust store. */
    private static byte[] someCertificate() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            ks.load(in, null);
        }
        byte[] best = null;
        for (String alias : Collections.list(ks.aliases())) {
            Certificate c = ks.getCertificate(alias);
            if (c != null && (best == null || c.getEncoded().length < best.length)) {
                best = c.getEncoded();
            }
        }
        return best;
    }

    // ---- QUIC datagrams (see QuicFuzzTest for the op code)

    /** The ClientHello handshake message (without its TLS record header). */
    static byte[] clientHelloMessage(String sni) {
        byte[] rec = Traffic.clientHello(sni);
        return java.util.Arrays.copyOfRange(rec, 5, rec.length);
    }

    static byte[] sealedOp(byte[] dcid, byte[] frames) {
        return concat(new byte[] {(byte) dcid.length}, dcid, frames);
    }

    static Map<String, byte[]> quic() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] hello = clientHelloMessage("www.example.com");
        byte[] crypto = QuicSealer.cryptoFrame(0, hello);
        s.put("v1-client-initial", new FuzzScript.Writer().op(0x02, sealedOp(DCID, concat(crypto, new byte[40])))
                .bytes());
        s.put("v2-client-initial", new FuzzScript.Writer().op(0x06, sealedOp(DCID, crypto)).bytes());
        int half = hello.length / 2;
        byte[] second = QuicSealer.cryptoFrame(half, java.util.Arrays.copyOfRange(hello, half, hello.length));
        byte[] firstHalf = QuicSealer.cryptoFrame(0, java.util.Arrays.copyOf(hello, half));
        s.put("split-crypto-and-server", new FuzzScript.Writer().op(0x02, sealedOp(DCID, concat(second, new byte[]
            {0x01})))
                .op(0x02, sealedOp(DCID, firstHalf)).op(0x03, sealedOp(new byte[] {9, 9, 9, 9}, new byte[] {0x02, 0,
                    0, 0, 0})).bytes());
        s.put("raw-datagram", new FuzzScript.Writer().op(0x00, QuicSealer.seal(QuicVersion.V1,
                QuicInitialKeys.client(QuicVersion.V1, DCID), DCID, new byte[0], 0, crypto)).bytes());
        return s;
    }

    // ---- variants and text for the matcher

    /** Input of {@link ByteMatcherFuzzTest}: variants, a sub-range pick, then text holding some of them. */
    static Map<String, byte[]> matcherInputs() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        String imei = ContainerScannerFuzzTest.IMEI;
        s.put("imei-in-json", matcherInput(List.of(imei, "tester@example.com"),
                "{\"imei\":\"" + imei + "\",\"mail\":\"tester@example.com\"}".repeat(20)));
        s.put("run-of-zeros", matcherInput(List.of("000000000000000", "460019240889479"),
                "0".repeat(3000) + "460019240889479" + "0".repeat(500)));
        return s;
    }

    private static byte[] matcherInput(List<String> variants, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(variants.size() - 1);
        for (String v : variants) {
            out.write(v.length() - 8);
            out.write(1); // the boundary rule
            out.writeBytes(ascii(v));
        }
        out.writeBytes(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}); // the whole text
        out.writeBytes(ascii(text));
        return out.toByteArray();
    }

    // ---- values for the container scanner

    static Map<String, byte[]> containers() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        String imei = ContainerScannerFuzzTest.IMEI;
        s.put("plain", ascii("id=" + imei + "&mail=tester%40example.com"));
        byte[] gz = gzip(ascii("{\"device\":{\"imei\":\"" + imei + "\"}}"));
        s.put("base64-gzip-json", ascii("{\"blob\":\"" + Base64.getEncoder().encodeToString(gz) + "\"}"));
        s.put("hex", ascii("data=" + toHex(ascii("imei:" + imei))));
        StringBuilder escaped = new StringBuilder("{\"v\":\"");
        for (char c : imei.toCharArray()) {
            escaped.append(String.format("\\u%04x", (int) c));
        }
        s.put("json-escapes", ascii(escaped.append("\"}").toString()));
        String nested = imei;
        for (int i = 0; i < 3; i++) {
            nested = Base64.getEncoder().encodeToString(ascii(nested + "        "));
        }
        s.put("nested-base64", ascii(nested));
        return s;
    }

    // ---- device profiles

    static Map<String, byte[]> profiles() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("full.yaml", ascii("""
                device:
                  name: Redmi Note test unit 1
                  region: CN
                  identifiers:
                    imei: ["864048021234563", "864048021234571"]
                    imsi: "460001234567890"
                    iccid: "89860012345678901237"
                    phone: "+86 138 0013 8000"
                    serial: "a1b2c3d4"
                    android_id: "9774d56d682e549c"
                    advertising_id: "38400000-8cf0-11bd-b23e-10b96e40000d"
                    wifi_mac: "64:09:80:12:34:56"
                    email: "tester@example.com"
                  canaries:
                    contacts: [{name: "Canary Zhang", phone: "+86 139 1111 2222"}]
                    messages: ["heron-7731 blue dawn"]
                    urls: ["https://example.org/canary-3391"]
                    locations: [{lat: 22.54321, lon: 114.05678}]
                    strings: ["PHCANARY-2KBMW62GXD"]
                """));
        s.put("canary-list.yaml", ascii("device:\n  canaries: [\"PHCANARY-AAAA\", \"PHCANARY-BBBB\"]\n"));
        s.put("anchors.yaml", ascii("a: &x {imei: \"1\"}\ndevice:\n  identifiers: *x\n  name: [1, 2]\n"));
        s.put("bad-value.yaml", ascii("device:\n  identifiers:\n    wifi_mac: \"zz:09:80\"\n    phone: \"12\"\n"));
        return s;
    }

    // ---- whole audits (see AuditorFuzzTest for the op code)

    static Map<String, byte[]> audits() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        // conversations: 0 HTTP (port 80), 1 TLS (443), 2 DNS (53), 3 QUIC (udp 443); bit 2 = server to device
        int http = 0 << 3;
        int tlsConv = 1 << 3;
        int dnsConv = 2 << 3;
        int quicConv = 3 << 3;
        int fromServer = 4;
        s.put("dns", new FuzzScript.Writer()
                .op(2 | dnsConv, Traffic.dnsQuery(0x1234, "api.example.com"))
                .op(2 | dnsConv | fromServer, Traffic.dnsAnswer(0x1234, "api.example.com", null, "93.184.216.34"))
                .bytes());
        s.put("http", new FuzzScript.Writer()
                .op(1 | http, new byte[] {0x02}).op(1 | http | fromServer, new byte[] {0x12})
                .op(1 | http, new byte[] {0x10})
                .op(1 | http, concat(new byte[] {0x18}, ascii("GET /t?imei=864048021234563 HTTP/1.1\r\n"
                        + "Host: api.example.com\r\n\r\n")))
                .op(1 | http | fromServer, concat(new byte[] {0x18}, ascii("HTTP/1.1 200 OK\r\n"
                        + "Content-Length: 2\r\n\r\nok")))
                .op(1 | http, new byte[] {0x11}).op(1 | http | fromServer, new byte[] {0x11}).bytes());
        // The request sent again, the same and then changed: compared with the delivered bytes (read again from the
        // capture when it is a file).
        int again = 2 << 5;
        byte[] get = ascii("GET /t?imei=864048021234563 HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
        byte[] changed = get.clone();
        changed[8] ^= 1;
        s.put("http-retransmission", new FuzzScript.Writer()
                .op(1 | http, new byte[] {0x02}).op(1 | http | fromServer, new byte[] {0x12})
                .op(1 | http, new byte[] {0x10})
                .op(1 | http, concat(new byte[] {0x18}, get))
                .op(1 | http | again, concat(new byte[] {0x18}, get))
                .op(1 | http | again, concat(new byte[] {0x18}, changed))
                .op(1 | http | fromServer, concat(new byte[] {0x18}, ascii("HTTP/1.1 204 No Content\r\n\r\n")))
                .bytes());
        s.put("tls", new FuzzScript.Writer()
                .op(1 | tlsConv, new byte[] {0x02}).op(1 | tlsConv | fromServer, new byte[] {0x12})
                .op(1 | tlsConv, concat(new byte[] {0x18}, Traffic.clientHello("api.example.com")))
                .op(3).bytes());
        byte[] initial = QuicSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 0, concat(QuicSealer.cryptoFrame(0, clientHelloMessage("www.example.com")),
                        new byte[200]));
        s.put("quic", new FuzzScript.Writer().op(2 | quicConv, initial).bytes());
        return s;
    }

    // ---- HTTP/2 connections (see StreamScript for the op code)

    static Map<String, byte[]> http2() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] settings = Http2Frames.frame(Http2Frames.SETTINGS, 0, 0, new byte[0]);
        byte[] clientStart = concat(Http2Frames.preface(), settings);
        // RFC 7541 C.4.1 and C.6.1: a request and a response header block with Huffman-coded strings
        byte[] request = HexFormat.of().parseHex("828684418cf1e3c2e5f23a6ba0ab90f4ff");
        byte[] response = HexFormat.of().parseHex("488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a6"
                + "2d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3");
        s.put("get-ok", new FuzzScript.Writer()
                .op(StreamScript.OUT, concat(clientStart, Http2Frames.frame(Http2Frames.HEADERS,
                        Http2Frames.END_STREAM | Http2Frames.END_HEADERS, 1, request)))
                .op(StreamScript.IN, concat(settings, Http2Frames.frame(Http2Frames.HEADERS, Http2Frames.END_HEADERS,
                        1, response), Http2Frames.frame(Http2Frames.DATA, Http2Frames.END_STREAM, 1, ascii("ok"))))
                .op(StreamScript.END).bytes());
        byte[] head = Http2Frames.block(":method", "POST", ":path", "/upload", ":authority", "api.example.com",
                "content-type", "application/json");
        byte[] json = ascii("{\"imei\":\"864048021234563\"}");
        byte[] padded = concat(new byte[] {4}, json, new byte[4]);
        s.put("post-continuation-reset", new FuzzScript.Writer()
                .op(StreamScript.OUT, concat(clientStart, Http2Frames.frame(Http2Frames.HEADERS, 0, 3,
                        java.util.Arrays.copyOf(head, 20)), Http2Frames.frame(Http2Frames.CONTINUATION,
                        Http2Frames.END_HEADERS, 3, java.util.Arrays.copyOfRange(head, 20, head.length)),
                        Http2Frames.frame(Http2Frames.DATA, Http2Frames.PADDED, 3, padded)))
                .op(StreamScript.IN, concat(settings, Http2Frames.frame(Http2Frames.RST_STREAM, 0, 3,
                        new byte[] {0, 0, 0, 8})))
                .op(StreamScript.OUT, Http2Frames.frame(Http2Frames.DATA, Http2Frames.END_STREAM, 3, json))
                .op(StreamScript.GAP_OUT, new byte[2]).bytes());
        // the server lets the client's table grow to 64 KiB; the client grows it, adds an entry, then uses it
        byte[] grow = concat(new byte[] {0x3f, (byte) 0xe1, (byte) 0xff, 0x03, (byte) 0x82, (byte) 0x86,
            (byte) 0x84, 0x40, 5}, ascii("x-imei"), new byte[] {15}, ascii("864048021234563"));
        s.put("table-size-and-push", new FuzzScript.Writer()
                .op(StreamScript.IN, Http2Frames.frame(Http2Frames.SETTINGS, 0, 0, new byte[] {0, 1, 0, 1, 0, 0}))
                .op(StreamScript.OUT, concat(clientStart, Http2Frames.frame(Http2Frames.HEADERS,
                        Http2Frames.END_STREAM | Http2Frames.END_HEADERS, 1, grow),
                        Http2Frames.frame(Http2Frames.HEADERS, Http2Frames.END_STREAM | Http2Frames.END_HEADERS, 3,
                        new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84, (byte) 0xbe})))
                .op(StreamScript.IN, Http2Frames.frame(Http2Frames.PUSH_PROMISE, Http2Frames.END_HEADERS, 1,
                        concat(new byte[] {0, 0, 0, 2}, request))).bytes());
        return s;
    }

    // ---- TLS decryption (see TlsDecryptFuzzTest for the session byte and the op code)

    static Map<String, byte[]> tlsDecrypt() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        int out = 0;
        int in = 1;
        int raw = 1 << 1;
        int ccs = 2 << 1;
        int framed = 5 << 1;
        int split = 6 << 1;
        int serverHello = 7 << 1;
        int handshakeKey = 1 << 4;
        int applicationKey = 2 << 4;
        int nextGeneration = 1 << 6;
        byte[] finished = concat(new byte[] {22, 20, 0, 0, 32}, new byte[32]);
        byte[] extensions = {22, 8, 0, 0, 2, 0, 0};
        byte[] get = concat(new byte[] {23}, ascii("GET /t?imei=864048021234563 HTTP/1.1\r\nHost: a\r\n\r\n"));
        byte[] ok = concat(new byte[] {23}, ascii("HTTP/1.1 204 No Content\r\n\r\n"));
        s.put("tls13-key-update", concat(new byte[] {0}, new FuzzScript.Writer()
                .op(in | handshakeKey, concat(extensions, java.util.Arrays.copyOfRange(finished, 1, finished.length)))
                .op(out | handshakeKey, finished)
                .op(out | applicationKey, get).op(in | applicationKey, ok)
                .op(out | applicationKey, new byte[] {22, 24, 0, 0, 1, 0})
                .op(out | applicationKey | nextGeneration, get)
                .op(in | split | applicationKey, new byte[] {21, 1, 0}).bytes()));
        s.put("tls13-early-data", concat(new byte[] {1 | 8}, new FuzzScript.Writer()
                .op(out, get).op(serverHello)
                .op(out, new byte[] {22, 5, 0, 0, 0})
                .op(in | handshakeKey, finished).op(out | handshakeKey, finished)
                .op(out | applicationKey, get).bytes()));
        byte[] finished12 = concat(new byte[] {22, 20, 0, 0, 12}, new byte[12]);
        for (int session : new int[] {3, 6}) {
            s.put(session == 3 ? "tls12-gcm" : "tls12-cbc-etm", concat(new byte[] {(byte) session},
                    new FuzzScript.Writer().op(out | ccs).op(out, finished12).op(in | ccs).op(in, finished12)
                            .op(out, get).op(in | split, ok).op(out, new byte[] {21, 1, 0}).bytes()));
        }
        s.put("no-keys-raw-and-framed", concat(new byte[] {7}, new FuzzScript.Writer()
                .op(out | raw, new byte[] {23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19, 20})
                .op(in | framed, new byte[] {23, 3, 3, 9, 9, 9, 9}).op(in | (3 << 1), new byte[3])
                .op(out | (4 << 1)).bytes()));
        return s;
    }

    // ---- policies

    static Map<String, byte[]> policies() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("full.yaml", ascii(PolicyFixtures.DESIGN));
        s.put("minimal.yaml", ascii("services:\n  push: {data: [imei], to: [\"111.13.141.211\"]}\n"));
        s.put("mistakes.yaml", ascii("consent: {telemetry: maybe}\nservices:\n  telemetry: {data: [imie], to: "
                + "[\"*.*\", \"a..b\"]}\nchanges: [{at: yesterday, set: {nothing: on}}]\n"));
        s.put("anchors.yaml", ascii("x: &s {data: [imei], to: [\"*.example.com\"]}\nservices:\n  a: *x\n  b: *x\n"
                + "consent: {a: on, b: off}\n"));
        return s;
    }

    // ---- HTTP bodies (byte 0 picks ContentDecodingFuzzTest.CODINGS)

    /** A JSON upload compressed with brotli 1.0.9: {@code brotli -c -q 11} (no Java encoder exists). */
    static final String CONTACTS_BR = "1fbe00602c0aec369a883f4c676650a206550c94225b7baa9bca2eb518b616021aa5094cfce2"
            + "eec974a555617dc9a2d3a59303be8581861cc9851288388c326b591e63d7902d0cb16b13b536522cd7f7dbd77b40"
            + "cb8a94d1cd39cd058b11855a121e49561b5149b293cf4e9a9faa460d0faa7522";

    static Map<String, byte[]> contentDecoding() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] json = ascii("{\"contacts\":[{\"name\":\"Canary Zhang\",\"phone\":\"+86 139 1111 2222\"}],"
                + "\"imei\":\"864048021234563\"}");
        byte[] br = HexFormat.of().parseHex(CONTACTS_BR);
        s.put("gzip", concat(new byte[] {0}, gzip(json)));
        s.put("deflate-zlib", concat(new byte[] {1}, Codecs.deflate(json, false)));
        s.put("deflate-raw", concat(new byte[] {1}, Codecs.deflate(json, true)));
        s.put("br", concat(new byte[] {2}, br));
        s.put("zstd", concat(new byte[] {3}, Codecs.zstd(json)));
        s.put("gzip-gzip", concat(new byte[] {4}, gzip(gzip(json))));
        s.put("br-then-zstd", concat(new byte[] {6}, Codecs.zstd(br)));
        s.put("gzip-bomb", concat(new byte[] {0}, gzip(new byte[1 << 20])));
        return s;
    }

    // ---- whole DEFLATE streams (byte 0 picks the format: raw, zlib, gzip; byte 1 the room in KiB)

    static Map<String, byte[]> deflateStreams() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] json = ascii("{\"contacts\":[{\"name\":\"Canary Zhang\",\"phone\":\"+86 139 1111 2222\"}],"
                + "\"imei\":\"864048021234563\"}");
        byte[] gz = gzip(json);
        s.put("raw", concat(new byte[] {0, 1}, Codecs.deflate(json, true)));
        s.put("zlib", concat(new byte[] {1, 1}, Codecs.deflate(json, false)));
        s.put("gzip", concat(new byte[] {2, 1}, gz));
        s.put("gzip-no-room", concat(new byte[] {2, 0}, gz));
        s.put("gzip-twice", concat(new byte[] {2, 1}, gz, gz));
        s.put("gzip-truncated", concat(new byte[] {2, 1}, Arrays.copyOf(gz, gz.length - 3)));
        s.put("zeros-64k", concat(new byte[] {1, 64}, Codecs.deflate(new byte[64 << 10], false)));
        return s;
    }

    // ---- helpers

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static String toHex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
