package org.phonehome.proto.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static ClientHello parse(ClientHelloBuilder b) {
        byte[] body = b.body();
        List<String> anomalies = new ArrayList<>();
        ClientHello ch = ClientHelloParser.parse(body, 0, body.length, anomalies::add);
        assertThat(anomalies).isEmpty();
        return ch;
    }

    /** The first example of the JA3 README (salesforce/ja3): a TLS 1.0 hello with SNI, groups and point formats. */
    @Test
    void ja3MatchesTheReadmeExample() {
        ClientHello ch = parse(new ClientHelloBuilder()
                .legacyVersion(769)
                .ciphers(47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4)
                .sni("example.com")          // 0
                .groups(23, 24, 25)          // 10
                .pointFormats(0));           // 11

        assertThat(ch.ja3()).isEqualTo("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0");
        assertThat(ch.ja3Hash()).isEqualTo("ada70206e40642a3e4461f35503241d5");
    }

    /** The second README example: no extensions at all, so three empty fields. */
    @Test
    void ja3WithoutExtensionsMatchesTheReadmeExample() {
        ClientHello ch = parse(new ClientHelloBuilder().legacyVersion(769)
                .ciphers(4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99).noExtensionsBlock());

        assertThat(ch.ja3()).isEqualTo("769,4-5-10-9-100-98-3-6-19-18-99,,,");
        assertThat(ch.ja3Hash()).isEqualTo("de350869b8c85de67a350c8d186f11e6");
    }

    /**
     * The worked example of FoxIO's JA4 spec (technical_details/JA4.md): 15 ciphers, 16 extensions in the order
     * {@code 001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015}, ALPN h2, TLS 1.3,
     * signature algorithms {@code 0403,0804,0401,0503,0805,0501,0806,0601}; plus GREASE, which must not count.
     */
    private static ClientHelloBuilder ja4SpecHello() {
        byte[] empty = new byte[0];
        return new ClientHelloBuilder()
                .ciphers(0x8a8a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013,
                        0xc014, 0x009c, 0x009d, 0x002f, 0x0035)
                .extension(0x3a3a, empty)                     // GREASE
                .extension(0x001b, TlsBytes.hex("020002"))    // compress_certificate: brotli
                .sni("example.com")                           // 0000
                .extension(0x0033, TlsBytes.hex("0000"))      // key_share (empty list)
                .alpn("h2", "http/1.1")                       // 0010
                .extension(0x4469, TlsBytes.hex("0003026832")) // ALPS
                .extension(0x0017, empty)                     // extended_master_secret
                .extension(0x002d, TlsBytes.hex("0101"))      // psk_key_exchange_modes
                .signatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601) // 000d
                .extension(0x0005, TlsBytes.hex("0100000000")) // status_request
                .extension(0x0023, empty)                     // session_ticket
                .extension(0x0012, empty)                     // signed_certificate_timestamp
                .supportedVersions(0x7a7a, 0x0304, 0x0303)    // 002b
                .extension(0xff01, TlsBytes.hex("00"))        // renegotiation_info
                .pointFormats(0)                              // 000b
                .groups(0x001d, 0x0017, 0x0018)               // 000a
                .extension(0x0015, new byte[8]);              // padding
    }

    @Test
    void ja4MatchesTheSpecExample() {
        ClientHello ch = parse(ja4SpecHello());

        assertThat(ch.ja4(false)).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
        assertThat(ch.ja4(true)).isEqualTo("q13d1516h2_8daaf6152771_e5627efa2ab1");
    }

    /** The spec: with no signature algorithms the extension list alone is hashed, giving 6d807ffa2a79. */
    @Test
    void ja4WithoutSignatureAlgorithmsHashesTheExtensionsAlone() {
        ClientHello ch = parse(ja4SpecHello());
        // the same hello with an empty signature_algorithms list: the extension stays, the list is empty
        ClientHello noSigs = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                ch.compressionMethods(), ch.extensions(), ch.sni(), ch.alpn(), ch.supportedVersions(),
                ch.supportedGroups(), ch.ecPointFormats(), List.of());

        assertThat(noSigs.ja4(false)).isEqualTo("t13d1516h2_8daaf6152771_6d807ffa2a79");
    }

    @Test
    void ja4EmptyListsPrintZeros() {
        ClientHello ch = parse(new ClientHelloBuilder().ciphers().noExtensionsBlock());

        assertThat(ch.ja4(false)).isEqualTo("t12i000000_000000000000_000000000000");
    }

    @Test
    void ja4OnlySniAndAlpnLeavesNothingToHash() {
        ClientHello ch = parse(new ClientHelloBuilder().ciphers(0x1301).sni("x.example").alpn("h3"));

        assertThat(ch.ja4(true)).startsWith("q12d0102h3_").endsWith("_000000000000");
    }

    /** The spec's ALPN rules: non-alphanumeric first or last byte prints hex digits. */
    @Test
    void ja4AlpnCharacters() {
        assertThat(alpnPart("h2")).isEqualTo("h2");
        assertThat(alpnPart("http/1.1")).isEqualTo("h1");
        assertThat(alpnPart("h")).isEqualTo("hh");
        assertThat(alpnPart("")).isEqualTo("00");
        assertThat(alpnPart("\u00ab")).isEqualTo("ab");
        assertThat(alpnPart("\u00ab\u00cd")).isEqualTo("ad");
        assertThat(alpnPart("0\u00ab")).isEqualTo("3b");
        assertThat(alpnPart("0\u00ab\u00cd1")).isEqualTo("01");
    }

    private static String alpnPart(String first) {
        ClientHello ch = parse(new ClientHelloBuilder().alpn(first));
        return ch.ja4(false).substring(8, 10);
    }

    @Test
    void ja4VersionFallsBackToLegacyVersionAndUnknownIsZeros() {
        assertThat(parse(new ClientHelloBuilder().legacyVersion(0x0301)).ja4(false)).startsWith("t10");
        assertThat(parse(new ClientHelloBuilder().legacyVersion(0x0300)).ja4(false)).startsWith("ts3");
        assertThat(parse(new ClientHelloBuilder().legacyVersion(0x1234)).ja4(false)).startsWith("t00");
        assertThat(parse(new ClientHelloBuilder().supportedVersions(0x0303)).ja4(false)).startsWith("t12");
    }
}
