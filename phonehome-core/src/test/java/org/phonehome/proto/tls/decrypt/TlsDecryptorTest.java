package org.phonehome.proto.tls.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.tls.decrypt.Rfc8448Vectors.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.tls.CertificateInfo;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ServerHello;
import org.phonehome.proto.tls.TlsParser;
import org.phonehome.proto.tls.TlsSink;

/** The RFC 8448 section 3 session fed as TCP stream bytes through TlsParser and TlsDecryptor, as the pipeline will. */
class TlsDecryptorTest {
    private static final Direction C = Direction.OUTBOUND;
    private static final Direction S = Direction.INBOUND;

    /** Wires a TlsParser and a TlsDecryptor the way the integrator should. */
    static final class Flow {
        final Recorder rec = new Recorder();
        final TlsDecryptor dec;
        final TlsParser parser;
        long frame;

        Flow(KeyLog keys) {
            dec = new TlsDecryptor(keys, rec);
            parser = new TlsParser(new TlsSink() {
                @Override
                public void clientHello(ClientHello ch, long frameNumber, long timeNanos) {
                    dec.clientHello(ch);
                }

                @Override
                public void serverHello(ServerHello sh, long frameNumber, long timeNanos) {
                    dec.serverHello(sh);
                }

                @Override
                public void certificates(List<CertificateInfo> chain, long frameNumber, long timeNanos) {
                }

                @Override
                public void anomaly(String name) {
                }
            });
        }

        void send(Direction d, String hex, int pieceSize) {
            byte[] b = hex(hex);
            for (int off = 0; off < b.length; off += pieceSize) {
                StreamChunk chunk = new StreamChunk(b, off, Math.min(pieceSize, b.length - off), off, ++frame, 0);
                parser.data(d, chunk);
                dec.data(d, chunk);
            }
        }

        void session(int pieceSize) {
            send(C, CH_RECORD, pieceSize);
            send(S, SH_RECORD + S_FLIGHT_RECORD, pieceSize);
            send(C, C_FINISHED_RECORD, pieceSize);
            send(S, S_TICKET_RECORD, pieceSize);
            send(C, C_APP_RECORD, pieceSize);
            send(S, S_APP_RECORD, pieceSize);
            send(C, C_ALERT_RECORD, pieceSize);
            send(S, S_ALERT_RECORD, pieceSize);
            dec.end();
        }
    }

    private static KeyLog rfcKeys() {
        return KeyLog.parse(keyLog(), "rfc8448.keys");
    }

    @Test
    void wholeRfc8448SessionDecrypts() {
        Flow f = new Flow(rfcKeys());
        f.session(100_000);
        assertThat(f.rec.plain(C)).isEqualTo(hex(APP_PAYLOAD));
        assertThat(f.rec.plain(S)).isEqualTo(hex(APP_PAYLOAD));
        assertThat(f.rec.handshakes).containsExactly("INBOUND:8", "INBOUND:11", "INBOUND:15", "INBOUND:20",
                "OUTBOUND:20", "INBOUND:4");
        assertThat(f.rec.alerts).containsExactly("OUTBOUND:1/0", "INBOUND:1/0");
        assertThat(f.rec.anomalies).isEmpty();
        assertThat(f.dec.stats().of(S).recordsDecrypted()).isEqualTo(4);
        assertThat(f.dec.stats().of(C).recordsDecrypted()).isEqualTo(3);
        assertThat(f.dec.stats().of(C).applicationBytes()).isEqualTo(50);
        assertThat(f.dec.suite().name()).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void recordsSplitIntoSmallSegmentsDecryptTheSame() {
        for (int piece : new int[] {1, 3, 7, 500}) {
            Flow f = new Flow(rfcKeys());
            f.session(piece);
            assertThat(f.rec.plain(C)).as("piece %d", piece).isEqualTo(hex(APP_PAYLOAD));
            assertThat(f.rec.plain(S)).as("piece %d", piece).isEqualTo(hex(APP_PAYLOAD));
            assertThat(f.rec.anomalies).isEmpty();
        }
    }

    @Test
    void onlyApplicationSecretsStillGiveTheApplicationData() {
        String keys = "CLIENT_TRAFFIC_SECRET_0 " + CLIENT_RANDOM + " " + C_AP_SECRET + "\n"
                + "SERVER_TRAFFIC_SECRET_0 " + CLIENT_RANDOM + " " + S_AP_SECRET + "\n";
        Flow f = new Flow(KeyLog.parse(keys, "k"));
        f.session(100_000);
        assertThat(f.rec.plain(C)).isEqualTo(hex(APP_PAYLOAD));
        assertThat(f.rec.plain(S)).isEqualTo(hex(APP_PAYLOAD));
        assertThat(f.dec.stats().anomalies().get(DecryptAnomalies.NO_KEYS)).isEqualTo(2); // the two handshake records
    }

    @Test
    void wrongKeyFailsEveryRecordAndEmitsNothing() {
        String wrong = keyLog().replace(S_HS_SECRET, C_HS_SECRET).replace(S_AP_SECRET, C_AP_SECRET);
        Flow f = new Flow(KeyLog.parse(wrong, "wrong.keys"));
        f.session(100_000);
        assertThat(f.rec.plain(S)).isEmpty();
        assertThat(f.dec.stats().of(S).recordsFailed()).isEqualTo(4);
        assertThat(f.dec.stats().anomalies().get(DecryptAnomalies.DECRYPT_FAILED)).isEqualTo(4);
        assertThat(f.rec.plain(C)).isEqualTo(hex(APP_PAYLOAD)); // the client's keys were right
    }

    @Test
    void keysForAnotherSessionCountRecordsWithoutKeys() {
        Flow f = new Flow(KeyLog.parse(keyLog().replace(CLIENT_RANDOM, SERVER_RANDOM), "other.keys"));
        f.session(100_000);
        assertThat(f.rec.plain(C)).isEmpty();
        assertThat(f.rec.plain(S)).isEmpty();
        assertThat(f.dec.hasKeys()).isFalse();
        assertThat(f.dec.stats().anomalies().get(DecryptAnomalies.NO_KEYS)).isEqualTo(7);
    }

    @Test
    void truncatedRecordIsReportedAtTheEnd() {
        Flow f = new Flow(rfcKeys());
        f.send(C, CH_RECORD, 1000);
        f.send(S, SH_RECORD + S_FLIGHT_RECORD.substring(0, 200), 1000);
        f.dec.end();
        assertThat(f.rec.anomalies).containsExactly(DecryptAnomalies.TRUNCATED);
        assertThat(f.rec.handshakes).isEmpty();
    }

    @Test
    void recordOneByteOverTheBoundStopsThatDirection() {
        Flow f = new Flow(rfcKeys());
        f.send(C, CH_RECORD, 1000);
        f.send(S, SH_RECORD, 1000);
        // 0x4801 = 2^14 + 2048 + 1
        f.send(S, "1703034801" + "00".repeat(100), 1000);
        f.send(S, S_FLIGHT_RECORD, 1000);
        assertThat(f.rec.anomalies).containsExactly(DecryptAnomalies.RECORD_TOO_LONG);
        assertThat(f.rec.handshakes).isEmpty();
    }

    @Test
    void framedRecordOverTheBoundIsRefusedToo() {
        TlsDecryptor d = new TlsDecryptor(rfcKeys(), new Recorder());
        d.record(S, 23, 0x0303, new byte[DecryptLimits.MAX_RECORD_LENGTH + 1], 1, 0);
        assertThat(d.stats().anomalies().get(DecryptAnomalies.RECORD_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void gapStopsTheDirection() {
        Flow f = new Flow(rfcKeys());
        f.send(C, CH_RECORD, 1000);
        f.send(S, SH_RECORD, 1000);
        f.dec.gap(S, 95, 10);
        f.send(S, S_FLIGHT_RECORD, 1000);
        assertThat(f.rec.anomalies).containsExactly(DecryptAnomalies.GAP);
        assertThat(f.rec.handshakes).isEmpty();
    }

    @Test
    void keyUpdateMovesToTheNextSecret() {
        // build a server application epoch by hand: KeyUpdate under secret_0, then data under secret_1
        CipherSuite suite = CipherSuite.of(0x1301);
        byte[] s0 = hex(S_AP_SECRET);
        byte[] s1 = Tls13RecordCipher.nextSecret(suite, s0);
        byte[] keyUpdate = TestSeal.seal13(suite, s0, 0, 22, hex("1800000100"));
        byte[] data = TestSeal.seal13(suite, s1, 0, 23, "after update".getBytes());
        String keys = "SERVER_TRAFFIC_SECRET_0 " + CLIENT_RANDOM + " " + S_AP_SECRET + "\n";
        Flow f = new Flow(KeyLog.parse(keys, "k"));
        f.send(C, CH_RECORD, 1000);
        f.send(S, SH_RECORD, 1000);
        f.send(S, java.util.HexFormat.of().formatHex(keyUpdate) + java.util.HexFormat.of().formatHex(data), 1000);
        assertThat(new String(f.rec.plain(S))).isEqualTo("after update");
        assertThat(f.rec.handshakes).containsExactly("INBOUND:24");
    }
}
