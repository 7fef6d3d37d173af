package org.phonehome.proto.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonehome.proto.ParserMemory;

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
        ParserMemory memory = new ParserMemory(1 << 20);
        HandshakeReassembler r = new HandshakeReassembler(memory);
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
        assertThat(memory.left()).isEqualTo(1 << 20);

        byte[] finished = message(20, 32);
        assertThat(r.feed(finished, 0, finished.length, listener)).isTrue();
        assertThat(types).containsExactly(11, 20);
        assertThat(r.capacity()).isLessThanOrEqualTo(2048);
    }

    @Test
    void aMessageWhoseRoomTheSharedBoundRefusesStopsTheDirectionAndHoldsNothing() {
        ParserMemory memory = new ParserMemory(10_000);
        HandshakeReassembler r = new HandshakeReassembler(memory);
        List<Integer> types = new ArrayList<>();
        byte[] certificate = message(11, 20_000);
        boolean fed = true;
        for (int off = 0; off < certificate.length && fed; off += 1_000) {
            fed = r.feed(certificate, off, Math.min(1_000, certificate.length - off), (t, b, n) -> types.add(t));
        }
        assertThat(fed).isFalse();
        assertThat(r.memoryFull()).isTrue();
        assertThat(types).isEmpty();
        assertThat(memory.left()).isLessThan(10_000);
        r.release();
        assertThat(memory.left()).isEqualTo(10_000);

        HandshakeReassembler small = new HandshakeReassembler(new ParserMemory(0));
        byte[] hello = message(1, 1_500);
        assertThat(small.feed(hello, 0, hello.length, (t, b, n) -> types.add(t))).as("a ClientHello needs no room")
                .isTrue();
        assertThat(types).containsExactly(1);
    }
}
