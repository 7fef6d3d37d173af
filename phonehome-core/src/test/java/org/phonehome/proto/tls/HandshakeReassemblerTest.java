package org.phonehome.proto.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handshake messages reassembled across pieces, and the room of a large one not kept after it. */
class HandshakeReassemblerTest {

    private static byte[] message(int type, int length) {
        byte[] m = new byte[4 + length];
        m[0] = (byte) type;
        m[1] = (byte) (length >>> 16);
        m[2] = (byte) (length >>> 8);
        m[3] = (byte) length;
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) (i * 31);
        }
        return m;
    }

    @Test
    void aCertificateSizedMessageIsDeliveredWholeAndItsRoomNotKept() {
        HandshakeReassembler r = new HandshakeReassembler();
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        HandshakeReassembler.Listener listener = (type, body, length) -> {
            types.add(type);
            bodies.add(java.util.Arrays.copyOf(body, length));
        };
        byte[] certificate = message(11, 20_000);
        for (int off = 0; off < certificate.length; off += 1_000) {
            assertThat(r.feed(certificate, off, Math.min(1_000, certificate.length - off), listener)).isTrue();
        }
        assertThat(types).containsExactly(11);
        assertThat(bodies.get(0)).isEqualTo(java.util.Arrays.copyOfRange(certificate, 4, certificate.length));
        assertThat(r.pending()).isFalse();
        assertThat(r.capacity()).isZero();

        byte[] finished = message(20, 32);
        assertThat(r.feed(finished, 0, finished.length, listener)).isTrue();
        assertThat(types).containsExactly(11, 20);
        assertThat(r.capacity()).isLessThanOrEqualTo(2048);
    }
}
