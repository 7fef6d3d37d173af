package org.phonehome.proto.tls.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.tls.decrypt.Rfc8448Vectors.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** Seeded random damage to the RFC 8448 session: nothing escapes, nothing unverified is passed on. */
class TlsDecryptorFuzzTest {
    @Test
    void damagedSessionsNeverThrowNorLeakGarbage() {
        Random r = new Random(8448);
        byte[] server = hex(SH_RECORD + S_FLIGHT_RECORD + S_TICKET_RECORD + S_APP_RECORD + S_ALERT_RECORD);
        for (int i = 0; i < 2_000; i++) {
            TlsDecryptorTest.Flow f = new TlsDecryptorTest.Flow(KeyLog.parse(keyLog(), "k"));
            f.send(Direction.OUTBOUND, CH_RECORD, 1000);
            byte[] b = server.clone();
            int at = 95 + r.nextInt(b.length - 95); // keep the ServerHello intact
            b[at] ^= (byte) (1 + r.nextInt(255));
            for (int off = 0; off < b.length; ) {
                int n = Math.min(1 + r.nextInt(300), b.length - off);
                StreamChunk c = new StreamChunk(b, off, n, off, 1, 0);
                f.parser.data(Direction.INBOUND, c);
                f.dec.data(Direction.INBOUND, c);
                off += n;
            }
            f.dec.end();
            assertThat(f.dec.stats().anomalies().get(DecryptAnomalies.INTERNAL_ERROR)).isZero();
            byte[] plain = f.rec.plain(Direction.INBOUND);
            assertThat(plain.length == 0 || java.util.Arrays.equals(plain, hex(APP_PAYLOAD))).isTrue();
        }
    }
}
