package org.phonehome.proto.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.tls.TlsBytes.concat;
import static org.phonehome.proto.tls.TlsBytes.handshake;
import static org.phonehome.proto.tls.TlsBytes.hex;
import static org.phonehome.proto.tls.TlsBytes.record;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;

class TlsParserTest {
    private static final Direction OUT = Direction.OUTBOUND;
    private static final Direction IN = Direction.INBOUND;

    /**
     * A self-signed P-256 certificate, subject and issuer "O=phonehome test, CN=phonehome.test", SAN DNS
     * phonehome.test and api.phonehome.test, valid 2026-11-26T02:06:09Z to 2036-11-23T02:06:09Z. Made once with:
     * {@code openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout k.pem
     * -subj "/O=phonehome test/CN=phonehome.test"
     * -addext "subjectAltName=DNS:phonehome.test,DNS:api.phonehome.test" -days 3650 -outform DER -out c.der}
     */
    static final byte[] SELF_SIGNED_DER = hex(""
            + "308201eb30820190a00302010202141ccc05a5377739445b0d3fcb12e6d3a95be16f21300a06082a8648ce3d04030230"
            + "3231173015060355040a0c0e70686f6e65686f6d6520746573743117301506035504030c0e70686f6e65686f6d652e74"
            + "657374301e170d3236313132363032303630395a170d3336313132333032303630395a303231173015060355040a0c0e"
            + "70686f6e65686f6d6520746573743117301506035504030c0e70686f6e65686f6d652e746573743059301306072a8648"
            + "ce3d020106082a8648ce3d0301070342000449c412cb4a0fc7f3a8cb4636d0f31e43e3140bf1bc1178504a85611caa3e"
            + "0fcd371c0614af0c14449d25f666cf42b6312697dd5ac03189b9228d073fb918a413a38183308180301d0603551d0e04"
            + "1604142b892ae11cde1f05e3620fda45b5751b36856abe301f0603551d230418301680142b892ae11cde1f05e3620fda"
            + "45b5751b36856abe300f0603551d130101ff040530030101ff302d0603551d1104263024820e70686f6e65686f6d652e"
            + "7465737482126170692e70686f6e65686f6d652e74657374300a06082a8648ce3d0403020349003046022100e47212c3"
            + "f6e03c32b975b7f0c6e1833b6baf0ffd0dcd84876b4797059653a5e6022100b2d7b31d4bff596d259d980568d19f5e05"
            + "986251921031965311f9728d3f82ad");

    private final RecordingTlsSink sink = new RecordingTlsSink();
    private final TlsParser parser = new TlsParser(sink);
    private final Map<Direction, Long> offsets = new EnumMap<>(Map.of(OUT, 0L, IN, 0L));

    private void feed(Direction d, byte[] bytes, long frame) {
        parser.data(d, new StreamChunk(bytes, 0, bytes.length, offsets.get(d), frame, frame * 1000));
        offsets.put(d, offsets.get(d) + bytes.length);
    }

    private static ClientHelloBuilder typicalHello() {
        return new ClientHelloBuilder()
                .sni("example.com")
                .alpn("h2", "http/1.1")
                .groups(0x001d, 0x0017)
                .signatureAlgorithms(0x0403, 0x0804)
                .supportedVersions(0x0304, 0x0303);
    }

    /** ServerHello body: version, random, session id, suite, compression, extensions. */
    private static byte[] serverHelloBody(byte[] random, int suite, byte[] extensions) {
        return concat(hex("0303"), random, hex("00"), new byte[] {(byte) (suite >> 8), (byte) suite}, hex("00"),
                new byte[] {(byte) (extensions.length >> 8), (byte) extensions.length}, extensions);
    }

    private static byte[] random32(int fill) {
        byte[] r = new byte[32];
        Arrays.fill(r, (byte) fill);
        return r;
    }

    @Test
    void clientHelloWithSniAndAlpn() {
        feed(OUT, typicalHello().record(), 4);

        assertThat(sink.clientHellos).hasSize(1);
        ClientHello ch = sink.clientHellos.get(0);
        assertThat(ch.sni()).isEqualTo("example.com");
        assertThat(ch.alpn()).containsExactly("h2", "http/1.1");
        assertThat(ch.supportedVersions()).containsExactly(0x0304, 0x0303);
        assertThat(ch.supportedGroups()).containsExactly(0x001d, 0x0017);
        assertThat(ch.signatureAlgorithms()).containsExactly(0x0403, 0x0804);
        assertThat(ch.cipherSuites()).containsExactly(0x1301, 0x1302, 0xc02b);
        assertThat(ch.extensionTypes()).containsExactly(0x0000, 0x0010, 0x000a, 0x000d, 0x002b);
        assertThat(ch.random()[31]).isEqualTo((byte) 31);
        assertThat(ch.legacyVersion()).isEqualTo(0x0303);
        assertThat(sink.frames).containsExactly(4L);
        assertThat(sink.anomalies).isEmpty();
        assertThat(parser.stats().of(OUT).handshakeMessages()).isEqualTo(1);
    }

    @Test
    void clientHelloWithoutSni() {
        feed(OUT, new ClientHelloBuilder().alpn("http/1.1").record(), 1);

        assertThat(sink.clientHellos.get(0).sni()).isNull();
        assertThat(sink.clientHellos.get(0).ja4(false)).startsWith("t12i0301h1_");
    }

    @Test
    void clientHelloWithoutExtensionsBlock() {
        feed(OUT, new ClientHelloBuilder().legacyVersion(0x0301).noExtensionsBlock().record(), 1);

        ClientHello ch = sink.clientHellos.get(0);
        assertThat(ch.extensions()).isEmpty();
        assertThat(ch.ja3()).isEqualTo("769,4865-4866-49195,,,");
    }

    @Test
    void greaseValuesAreKeptInTheHelloButLeftOutOfFingerprints() {
        byte[] body = new ClientHelloBuilder()
                .ciphers(0x0a0a, 0x1301, 0x1302)      // GREASE first, as Chrome does
                .extension(0x1a1a, new byte[0])       // GREASE extension, empty
                .sni("a.example")
                .groups(0x2a2a, 0x001d)               // GREASE group
                .supportedVersions(0x3a3a, 0x0304)    // GREASE version
                .pointFormats(0)
                .extension(0xfafa, new byte[] {0})    // GREASE extension with one byte
                .body();
        ClientHello ch = ClientHelloParser.parse(body, 0, body.length, sink::anomaly);

        assertThat(ch.cipherSuites()).containsExactly(0x0a0a, 0x1301, 0x1302);
        assertThat(ch.ja3()).isEqualTo("771,4865-4866,0-10-43-11,29,0");
        assertThat(ch.ja4(false)).startsWith("t13d0204");
        assertThat(TlsConstants.isGrease(0xdada)).isTrue();
        assertThat(TlsConstants.isGrease(0x0a1a)).isFalse();
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void clientHelloSplitOverThreeTcpChunks() {
        byte[] rec = typicalHello().record();
        feed(OUT, Arrays.copyOfRange(rec, 0, 3), 10);      // inside the record header
        feed(OUT, Arrays.copyOfRange(rec, 3, 40), 11);     // header end + start of the hello
        assertThat(sink.clientHellos).isEmpty();
        feed(OUT, Arrays.copyOfRange(rec, 40, rec.length), 12);

        assertThat(sink.clientHellos).hasSize(1);
        assertThat(sink.clientHellos.get(0).sni()).isEqualTo("example.com");
        assertThat(sink.frames).containsExactly(12L);
    }

    @Test
    void clientHelloSplitOverTwoRecords() {
        byte[] hs = typicalHello().handshake();
        feed(OUT, TlsBytes.records(22, hs, hs.length / 2 + 1), 7);

        assertThat(sink.clientHellos).hasSize(1);
        assertThat(sink.clientHellos.get(0).alpn()).containsExactly("h2", "http/1.1");
        assertThat(parser.stats().of(OUT).records()).isEqualTo(2);
    }

    @Test
    void clientHelloClaiming16MegabytesIsBoundedAnomaly() {
        // record of 4 bytes: handshake type 1, length 0xffffff (16 MB)
        feed(OUT, hex("16 0301 0004 01ffffff"), 1);
        feed(OUT, new byte[1000], 2);

        assertThat(sink.anomalies).containsExactly("tls_handshake_too_long");
        assertThat(sink.clientHellos).isEmpty();
    }

    @Test
    void recordLongerThanTheLimitIsAnomaly() {
        int tooLong = (1 << 14) + 2048 + 1;
        feed(OUT, new byte[] {0x17, 3, 3, (byte) (tooLong >> 8), (byte) tooLong}, 1);

        assertThat(sink.anomalies).containsExactly("tls_record_too_long");
        assertThat(parser.stats().anomalies().get("tls_record_too_long")).isEqualTo(1);
    }

    @Test
    void recordAtTheLimitIsAccepted() {
        int max = (1 << 14) + 2048;
        feed(IN, concat(new byte[] {0x17, 3, 3, (byte) (max >> 8), (byte) max}, new byte[max]), 1);

        assertThat(sink.anomalies).isEmpty();
        assertThat(parser.stats().of(IN).applicationDataBytes()).isEqualTo(max);
    }

    @Test
    void garbageIsAnomalyAndStopsTheDirection() {
        feed(OUT, "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(), 1);
        feed(OUT, typicalHello().record(), 2);

        assertThat(sink.anomalies).containsExactly("tls_record_header_invalid");
        assertThat(sink.clientHellos).isEmpty();
    }

    @Test
    void serverHelloTls13ViaSupportedVersions() {
        byte[] ext = hex("002b 0002 0304"                    // supported_versions: TLS 1.3
                + "0033 0006 001d 0002 abcd");              // key_share (shortened, not interpreted)
        byte[] sh = record(22, handshake(2, serverHelloBody(random32(0x11), 0x1301, ext)));
        feed(OUT, typicalHello().record(), 1);
        feed(IN, concat(sh, record(20, hex("01")), record(23, new byte[100]), record(23, new byte[50])), 2);
        feed(OUT, concat(record(20, hex("01")), record(23, new byte[40])), 3);

        assertThat(sink.serverHellos).hasSize(1);
        ServerHello s = sink.serverHellos.get(0);
        assertThat(s.legacyVersion()).isEqualTo(0x0303);
        assertThat(s.version()).isEqualTo(0x0304);
        assertThat(s.isTls13()).isTrue();
        assertThat(s.cipherSuite()).isEqualTo(0x1301);
        assertThat(s.helloRetryRequest()).isFalse();
        assertThat(parser.stats().of(IN).applicationDataRecords()).isEqualTo(2);
        assertThat(parser.stats().of(IN).applicationDataBytes()).isEqualTo(150);
        assertThat(parser.stats().of(OUT).applicationDataBytes()).isEqualTo(40);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void serverHelloWithChosenAlpn() {
        byte[] ext = hex("0010 0005 0003 026832");          // ALPN: list of one, "h2"
        feed(IN, record(22, handshake(2, serverHelloBody(random32(1), 0xc02f, ext))), 1);

        assertThat(sink.serverHellos.get(0).alpn()).isEqualTo("h2");
        assertThat(sink.serverHellos.get(0).version()).isEqualTo(0x0303);
    }

    @Test
    void helloRetryRequestIsFlaggedAndTheSecondClientHelloStillParsed() {
        // the HelloRetryRequest random: SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3)
        byte[] hrrRandom = hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
        byte[] hrr = record(22, handshake(2, serverHelloBody(hrrRandom, 0x1301,
                hex("002b 0002 0304  0033 0002 0017"))));   // supported_versions 1.3, key_share: group secp256r1
        feed(OUT, typicalHello().record(), 1);
        feed(IN, concat(hrr, record(20, hex("01"))), 2);     // middlebox-compat CCS after HRR
        feed(OUT, concat(record(20, hex("01")), typicalHello().sni("second.example").record()), 3);

        assertThat(sink.serverHellos).hasSize(1);
        assertThat(sink.serverHellos.get(0).helloRetryRequest()).isTrue();
        assertThat(sink.clientHellos).extracting(ClientHello::sni).containsExactly("example.com", "example.com");
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void tls12CertificateChainIsDecodedThenEncryptionStopsParsing() {
        byte[] cert = concat(new byte[] {0, (byte) (SELF_SIGNED_DER.length >> 8), (byte) SELF_SIGNED_DER.length},
                SELF_SIGNED_DER);
        byte[] certificateMsg = handshake(11, concat(new byte[] {0, (byte) (cert.length >> 8), (byte) cert.length},
                cert));
        byte[] flight = TlsBytes.records(22, concat(
                handshake(2, serverHelloBody(random32(2), 0xc02f, new byte[0])), certificateMsg,
                handshake(14, new byte[0])), 300);                               // ServerHelloDone; 300-byte records
        feed(OUT, new ClientHelloBuilder().sni("phonehome.test").record(), 1);
        feed(IN, flight, 2);
        feed(OUT, concat(record(22, handshake(16, new byte[66])), record(20, hex("01")),
                record(22, new byte[40])), 3);                                    // CKE, CCS, encrypted Finished
        feed(IN, concat(record(20, hex("01")), record(22, new byte[40]), record(23, new byte[30])), 4);

        assertThat(sink.serverHellos.get(0).version()).isEqualTo(0x0303);
        assertThat(sink.chains).hasSize(1);
        CertificateInfo c = sink.chains.get(0).get(0);
        assertThat(c.subjectCn()).isEqualTo("phonehome.test");
        assertThat(c.issuerCn()).isEqualTo("phonehome.test");
        assertThat(c.sanDns()).containsExactly("phonehome.test", "api.phonehome.test");
        assertThat(c.notBefore()).isEqualTo(Instant.parse("2026-11-26T02:06:09Z"));
        assertThat(c.notAfter()).isEqualTo(Instant.parse("2036-11-23T02:06:09Z"));
        assertThat(parser.stats().of(OUT).encryptedHandshakeRecords()).isEqualTo(1);
        assertThat(parser.stats().of(IN).encryptedHandshakeRecords()).isEqualTo(1);
        assertThat(parser.stats().of(IN).applicationDataBytes()).isEqualTo(30);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void unparsableCertificateIsSkippedWithAnomaly() {
        byte[] bad = hex("000004 30020500");               // 4 bytes: a DER NULL in a SEQUENCE, not a certificate
        byte[] good = concat(new byte[] {0, (byte) (SELF_SIGNED_DER.length >> 8), (byte) SELF_SIGNED_DER.length},
                SELF_SIGNED_DER);
        byte[] list = concat(bad, good);
        feed(IN, record(22, handshake(11, concat(new byte[] {0, (byte) (list.length >> 8), (byte) list.length},
                list))), 1);

        assertThat(sink.anomalies).containsExactly("tls_certificate_unparsable");
        assertThat(sink.chains.get(0)).extracting(CertificateInfo::subjectCn).containsExactly("phonehome.test");
    }

    @Test
    void gapStopsThatDirectionOnly() {
        byte[] rec = typicalHello().record();
        feed(OUT, Arrays.copyOfRange(rec, 0, 20), 1);
        parser.gap(OUT, 20, 10);
        feed(OUT, Arrays.copyOfRange(rec, 30, rec.length), 2);
        feed(IN, record(22, handshake(2, serverHelloBody(random32(3), 0x1301, new byte[0]))), 3);

        assertThat(sink.anomalies).containsExactly("tls_gap");
        assertThat(sink.clientHellos).isEmpty();
        assertThat(sink.serverHellos).hasSize(1);
    }

    @Test
    void endInsideAHelloIsTruncated() {
        byte[] rec = typicalHello().record();
        feed(OUT, Arrays.copyOfRange(rec, 0, 50), 1);
        parser.end();

        assertThat(sink.anomalies).containsExactly("tls_truncated");
    }

    @Test
    void malformedClientHelloIsAnomaly() {
        // session id length 200 (> 32) inside an otherwise well-framed message
        byte[] body = new ClientHelloBuilder().body();
        body[34] = (byte) 200;
        feed(OUT, record(22, handshake(1, body)), 1);

        assertThat(sink.anomalies).containsExactly("tls_client_hello_malformed");
        assertThat(sink.clientHellos).isEmpty();
    }

    @Test
    void malformedSniKeepsTheHello() {
        feed(OUT, new ClientHelloBuilder().extension(0x0000, hex("0010 00 0003 616263")).record(), 1);

        assertThat(sink.anomalies).containsExactly("tls_extension_malformed");
        assertThat(sink.clientHellos).hasSize(1);
    }

    @Test
    void looksLikeTlsRecognisesHelloRecords() {
        byte[] ch = typicalHello().record();
        assertThat(TlsParser.looksLikeTls(ch, 0, ch.length)).isTrue();
        assertThat(TlsParser.looksLikeTls(ch, 0, 6)).isTrue();
        byte[] sh = record(22, handshake(2, serverHelloBody(random32(0), 0x1301, new byte[0])));
        assertThat(TlsParser.looksLikeTls(sh, 0, sh.length)).isTrue();
        assertThat(TlsParser.looksLikeTls(ch, 0, 5)).isFalse();
        assertThat(TlsParser.looksLikeTls(hex("160305 0100 01"), 0, 6)).isFalse();      // minor version 5
        assertThat(TlsParser.looksLikeTls(hex("170303 0100 01"), 0, 6)).isFalse();      // application data
        assertThat(TlsParser.looksLikeTls(hex("160301 0000 01"), 0, 6)).isFalse();      // empty record
        assertThat(TlsParser.looksLikeTls(hex("160301 4801 01"), 0, 6)).isFalse();      // longer than the limit
        assertThat(TlsParser.looksLikeTls(hex("160301 0100 0b"), 0, 6)).isFalse();      // Certificate first
        assertThat(TlsParser.looksLikeTls("GET / HTTP/1.1".getBytes(), 0, 14)).isFalse();
        assertThat(TlsParser.looksLikeTls(ch, 10, ch.length)).isFalse();               // slice out of range
    }

    @Test
    void alertsAndHeartbeatsAreCounted() {
        feed(IN, concat(record(21, hex("0228")), record(24, hex("01"))), 1);

        assertThat(parser.stats().of(IN).alerts()).isEqualTo(1);
        assertThat(parser.stats().of(IN).records()).isEqualTo(2);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void emptyChainIsNotReported() {
        feed(IN, record(22, handshake(11, hex("000000"))), 1);

        assertThat(sink.chains).isEmpty();
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void nothingEscapesOnEmptyChunk() {
        parser.data(OUT, new StreamChunk(new byte[0], 0, 0, 0, 1, 1));
        parser.end();
        assertThat(sink.anomalies).isEmpty();
        assertThat(List.of(sink.clientHellos, sink.serverHellos)).allMatch(List::isEmpty);
    }

    @Test
    void aCertificateChainCutShortGivesBackItsRoomWhenTheFlowEndsAndPastTheSharedBoundStops() {
        byte[] chain = handshake(11, new byte[20_000]);
        byte[] firstHalf = TlsBytes.records(22, Arrays.copyOf(chain, 10_000), 16_384);
        ParserMemory memory = new ParserMemory(1 << 20);
        TlsParser p = new TlsParser(sink, memory);
        p.data(Direction.INBOUND, new StreamChunk(firstHalf, 0, firstHalf.length, 0, 1, 0));
        assertThat(memory.left()).isLessThan((1 << 20) - 5_000);
        p.end();
        assertThat(sink.anomalies).containsExactly(TlsAnomalies.TRUNCATED);
        assertThat(memory.left()).isEqualTo(1 << 20);

        ParserMemory small = new ParserMemory(4_096);
        TlsParser refused = new TlsParser(sink, small);
        refused.data(Direction.INBOUND, new StreamChunk(firstHalf, 0, firstHalf.length, 0, 1, 0));
        assertThat(sink.anomalies).endsWith(TlsAnomalies.MEMORY_FULL);
        assertThat(small.left()).isEqualTo(4_096);
    }
}
