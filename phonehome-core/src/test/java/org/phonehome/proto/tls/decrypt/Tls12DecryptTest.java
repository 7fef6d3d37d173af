package org.phonehome.proto.tls.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phonehome.flow.Direction;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsExtension;

/** TLS 1.2 sessions built in the test (independent sealing code), decrypted through {@link TlsDecryptor}. */
class Tls12DecryptTest {
    private static final byte[] CLIENT_RANDOM = filled(32, 0x11);
    private static final byte[] SERVER_RANDOM = filled(32, 0x22);
    private static final byte[] MASTER = filled(48, 0x33);
    private static final int TLS12 = 0x0303;
    private static final byte[] REQUEST = "GET /?imei=864048021234563 HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static KeyLog keys() {
        HexFormat h = HexFormat.of();
        return KeyLog.parse("CLIENT_RANDOM " + h.formatHex(CLIENT_RANDOM) + " " + h.formatHex(MASTER) + "\n", "k");
    }

    private static ClientHello ch() {
        return new ClientHello(TLS12, CLIENT_RANDOM, new byte[0], List.of(0xc02f), List.of(0), List.of(), null,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static ServerHello sh(int suite, int version, boolean etm) {
        List<TlsExtension> ext = etm ? List.of(new TlsExtension(22, new byte[0])) : List.of();
        return new ServerHello(version, version, SERVER_RANDOM, new byte[0], suite, 0, ext, null, false);
    }

    /** A full exchange: CCS + Finished each way, one request, one response; returns the recorder. */
    private static Recorder session(int suiteId, int version, boolean etm, KeyLog keys, boolean corrupt) {
        CipherSuite suite = CipherSuite.of(suiteId);
        Tls12KeyBlock kb = Tls12KeyBlock.derive(suite, version, MASTER, CLIENT_RANDOM, SERVER_RANDOM);
        Recorder rec = new Recorder();
        TlsDecryptor d = new TlsDecryptor(keys, rec);
        d.clientHello(ch());
        d.serverHello(sh(suiteId, version, etm));
        byte[] fin = HexFormat.of().parseHex("1400000c" + "ab".repeat(12));
        feed(d, Direction.OUTBOUND, new byte[] {20, 3, 3, 0, 1, 1});
        feed(d, Direction.OUTBOUND, TestSeal.seal12(suite, kb, true, version, etm, 0, 22, fin));
        feed(d, Direction.INBOUND, new byte[] {20, 3, 3, 0, 1, 1});
        feed(d, Direction.INBOUND, TestSeal.seal12(suite, kb, false, version, etm, 0, 22, fin));
        byte[] req = TestSeal.seal12(suite, kb, true, version, etm, 1, 23, REQUEST);
        if (corrupt) {
            req[req.length - 1] ^= 1;
        }
        feed(d, Direction.OUTBOUND, req);
        feed(d, Direction.INBOUND, TestSeal.seal12(suite, kb, false, version, etm, 1, 23, RESPONSE));
        d.end();
        return rec;
    }

    private static void feed(TlsDecryptor d, Direction dir, byte[] record) {
        d.data(dir, new org.phonehome.flow.StreamChunk(record, 0, record.length, 0, 1, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0xc02f, 0xc030, 0xc02b, 0xc02c, 0x009c, 0x009d, 0xcca8, 0xcca9, 0xc013, 0xc014, 0xc009,
            0xc00a, 0x002f, 0x0035, 0x003c, 0x003d, 0xc027, 0xc028, 0xc023, 0xc024})
    void everySupportedSuiteRoundTrips(int suite) {
        Recorder rec = session(suite, TLS12, false, keys(), false);
        assertThat(rec.plain(Direction.OUTBOUND)).isEqualTo(REQUEST);
        assertThat(rec.plain(Direction.INBOUND)).isEqualTo(RESPONSE);
        assertThat(rec.handshakes).containsExactly("OUTBOUND:20", "INBOUND:20");
        assertThat(rec.anomalies).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0xc013, 0xc028, 0x003c})
    void cbcWithEncryptThenMacRoundTrips(int suite) {
        Recorder rec = session(suite, TLS12, true, keys(), false);
        assertThat(rec.plain(Direction.OUTBOUND)).isEqualTo(REQUEST);
        assertThat(rec.anomalies).isEmpty();
    }

    @Test
    void tls11CbcRoundTrips() {
        Recorder rec = session(0x002f, 0x0302, false, keys(), false);
        assertThat(rec.plain(Direction.OUTBOUND)).isEqualTo(REQUEST);
        assertThat(rec.anomalies).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0xc02f, 0xcca8, 0xc013})
    void corruptedRecordIsCountedAndNotPassedOn(int suite) {
        Recorder rec = session(suite, TLS12, false, keys(), true);
        assertThat(rec.plain(Direction.OUTBOUND)).isEmpty();
        assertThat(rec.plain(Direction.INBOUND)).isEqualTo(RESPONSE);
        assertThat(rec.anomalies).containsExactly(DecryptAnomalies.DECRYPT_FAILED);
    }

    @Test
    void wrongMasterSecretFailsEveryRecord() {
        HexFormat h = HexFormat.of();
        KeyLog wrong = KeyLog.parse("CLIENT_RANDOM " + h.formatHex(CLIENT_RANDOM) + " " + "44".repeat(48), "w");
        Recorder rec = session(0xc030, TLS12, false, wrong, false);
        assertThat(rec.plain(Direction.OUTBOUND)).isEmpty();
        assertThat(rec.plain(Direction.INBOUND)).isEmpty();
        assertThat(rec.anomalies).hasSize(4).containsOnly(DecryptAnomalies.DECRYPT_FAILED);
    }

    @Test
    void noKeysCountsEachEncryptedRecord() {
        Recorder rec = session(0xc02f, TLS12, false, KeyLog.empty(), false);
        assertThat(rec.anomalies).hasSize(4).containsOnly(DecryptAnomalies.NO_KEYS);
    }

    @Test
    void unsupportedSuiteIsNamed() {
        Recorder rec = new Recorder();
        TlsDecryptor d = new TlsDecryptor(keys(), rec);
        d.clientHello(ch());
        d.serverHello(sh(0xc0ac, TLS12, false)); // ECDHE-ECDSA-AES128-CCM
        assertThat(rec.anomalies).containsExactly(DecryptAnomalies.UNSUPPORTED_SUITE);
        assertThat(d.suite()).isNull();
    }

    @Test
    void prfMatchesAKnownAnswer() {
        // TLS 1.2 PRF (SHA-256) test vector circulated on the IETF TLS list (secret/seed/label "test label")
        byte[] out = Tls12Prf.prf("HmacSHA256", HexFormat.of().parseHex("9bbe436ba940f017b17652849a71db35"),
                "test label", HexFormat.of().parseHex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertThat(HexFormat.of().formatHex(out)).startsWith("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
    }
}
