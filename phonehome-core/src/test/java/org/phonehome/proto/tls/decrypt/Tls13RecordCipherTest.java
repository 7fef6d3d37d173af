package org.phonehome.proto.tls.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.tls.decrypt.Rfc8448Vectors.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 8448 section 3 known answers for TLS 1.3 key derivation and record protection. */
class Tls13RecordCipherTest {
    private static final CipherSuite AES128 = CipherSuite.of(0x1301);

    private static Tls13RecordCipher cipher(String secret) {
        return new Tls13RecordCipher(AES128, hex(secret));
    }

    private static Opened open(Tls13RecordCipher c, String record, long seq) {
        byte[] r = hex(record);
        int version = ((r[1] & 0xff) << 8) | (r[2] & 0xff);
        return c.open(r[0] & 0xff, version, Arrays.copyOfRange(r, 5, r.length), seq);
    }

    @Test
    void handshakeKeysMatchRfc8448() {
        assertThat(cipher(S_HS_SECRET).key()).isEqualTo(hex(S_HS_KEY));
        assertThat(cipher(S_HS_SECRET).iv()).isEqualTo(hex(S_HS_IV));
        assertThat(cipher(C_HS_SECRET).key()).isEqualTo(hex(C_HS_KEY));
        assertThat(cipher(C_HS_SECRET).iv()).isEqualTo(hex(C_HS_IV));
    }

    @Test
    void applicationKeysMatchRfc8448() {
        assertThat(cipher(S_AP_SECRET).key()).isEqualTo(hex(S_AP_KEY));
        assertThat(cipher(S_AP_SECRET).iv()).isEqualTo(hex(S_AP_IV));
        assertThat(cipher(C_AP_SECRET).key()).isEqualTo(hex(C_AP_KEY));
        assertThat(cipher(C_AP_SECRET).iv()).isEqualTo(hex(C_AP_IV));
    }

    @Test
    void serverFlightDecryptsToRfc8448Messages() {
        Opened o = open(cipher(S_HS_SECRET), S_FLIGHT_RECORD, 0);
        assertThat(o).isNotNull();
        assertThat(o.contentType()).isEqualTo(22);
        assertThat(o.plaintext()).isEqualTo(hex(EE + CERT + CV + S_FINISHED));
    }

    @Test
    void clientFinishedDecrypts() {
        Opened o = open(cipher(C_HS_SECRET), C_FINISHED_RECORD, 0);
        assertThat(o.contentType()).isEqualTo(22);
        assertThat(o.plaintext()).isEqualTo(hex(C_FINISHED));
    }

    @Test
    void applicationDataDecryptsBothWays() {
        Opened client = open(cipher(C_AP_SECRET), C_APP_RECORD, 0);
        assertThat(client.contentType()).isEqualTo(23);
        assertThat(client.plaintext()).isEqualTo(hex(APP_PAYLOAD));
        // the server's first application record is the NewSessionTicket (seq 0), its data is seq 1
        Tls13RecordCipher server = cipher(S_AP_SECRET);
        Opened ticket = open(server, S_TICKET_RECORD, 0);
        assertThat(ticket.contentType()).isEqualTo(22);
        assertThat(ticket.plaintext()[0]).isEqualTo((byte) 4);
        Opened data = open(server, S_APP_RECORD, 1);
        assertThat(data.plaintext()).isEqualTo(hex(APP_PAYLOAD));
    }

    @Test
    void alertsDecrypt() {
        Opened c = open(cipher(C_AP_SECRET), C_ALERT_RECORD, 1);
        assertThat(c.contentType()).isEqualTo(21);
        assertThat(c.plaintext()).containsExactly(1, 0);
        Opened s = open(cipher(S_AP_SECRET), S_ALERT_RECORD, 2);
        assertThat(s.plaintext()).containsExactly(1, 0);
    }

    @Test
    void wrongSequenceNumberOrKeyFailsTheTag() {
        assertThat(open(cipher(S_HS_SECRET), S_FLIGHT_RECORD, 1)).isNull();
        assertThat(open(cipher(C_HS_SECRET), S_FLIGHT_RECORD, 0)).isNull();
    }

    @Test
    void flippedBitFailsTheTag() {
        byte[] r = hex(C_APP_RECORD);
        r[20] ^= 1;
        assertThat(cipher(C_AP_SECRET).open(23, 0x0303, Arrays.copyOfRange(r, 5, r.length), 0)).isNull();
    }

    @Test
    void tooShortBodyIsRefusedNotThrown() {
        assertThat(cipher(C_AP_SECRET).open(23, 0x0303, new byte[5], 0)).isNull();
        assertThat(cipher(C_AP_SECRET).open(23, 0x0303, new byte[0], 0)).isNull();
    }

    @Test
    void sha384LabelExpansionAgreesWithTheSha256Path() {
        // the generic expansion, run on SHA-256, must give what the project's Hkdf gives
        byte[] secret = hex(S_HS_SECRET);
        byte[] viaGeneric = TlsHkdf.expand(TlsHkdf.SHA256, secret, TlsHkdf.info("key", new byte[0], 16), 16);
        assertThat(viaGeneric).isEqualTo(hex(S_HS_KEY));
        assertThat(TlsHkdf.expandLabel(TlsHkdf.SHA384, new byte[48], "key", new byte[0], 32)).hasSize(32);
    }
}
