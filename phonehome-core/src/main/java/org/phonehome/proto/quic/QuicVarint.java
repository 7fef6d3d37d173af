package org.phonehome.proto.quic;

import org.phonehome.proto.tls.ByteReader;

/** QUIC variable-length integers (RFC 9000 section 16). */
final class QuicVarint {
    private QuicVarint() {
    }

    /** Reads one varint (0 and a failed reader on underflow). */
    static long read(ByteReader r) {
        int first = r.u8();
        int extra = (1 << (first >> 6)) - 1;
        long v = first & 0x3f;
        for (int i = 0; i < extra; i++) {
            v = (v << 8) | r.u8();
        }
        return v;
    }
}
