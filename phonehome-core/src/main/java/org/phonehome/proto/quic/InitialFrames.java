package org.phonehome.proto.quic;

import org.phonehome.proto.tls.ByteReader;

/**
 * Walks the frames of a decrypted Initial packet (RFC 9000 section 19): PADDING, PING, ACK, CRYPTO and
 * CONNECTION_CLOSE, the frames an Initial may carry. A pure function of bytes.
 */
final class InitialFrames {
    private static final int PADDING = 0x00;
    private static final int PING = 0x01;
    private static final int ACK = 0x02;
    private static final int ACK_ECN = 0x03;
    private static final int CRYPTO = 0x06;
    private static final int CONNECTION_CLOSE = 0x1c;
    private static final int CONNECTION_CLOSE_APP = 0x1d;

    /** Receives the CRYPTO frames' data. */
    interface CryptoListener {
        void crypto(long offset, byte[] data, int dataOffset, int length);
    }

    /** How the walk ended. */
    enum Outcome { OK, UNEXPECTED_FRAME, MALFORMED }

    private InitialFrames() {
    }

    static Outcome walk(byte[] payload, CryptoListener listener) {
        ByteReader r = new ByteReader(payload, 0, payload.length);
        while (r.remaining() > 0) {
            long type = QuicVarint.read(r);
            if (type == PADDING || type == PING) {
                continue;
            }
            if (type == ACK || type == ACK_ECN) {
                QuicVarint.read(r); // largest acknowledged
                QuicVarint.read(r); // ack delay
                long ranges = QuicVarint.read(r);
                QuicVarint.read(r); // first ack range
                for (long i = 0; i < ranges && r.ok(); i++) {
                    QuicVarint.read(r); // gap
                    QuicVarint.read(r); // ack range length
                }
                if (type == ACK_ECN) {
                    QuicVarint.read(r);
                    QuicVarint.read(r);
                    QuicVarint.read(r);
                }
            } else if (type == CRYPTO) {
                long offset = QuicVarint.read(r);
                long length = QuicVarint.read(r);
                if (!r.ok() || length > r.remaining()) {
                    return Outcome.MALFORMED;
                }
                int at = r.position();
                r.skip((int) length);
                listener.crypto(offset, payload, at, (int) length);
            } else if (type == CONNECTION_CLOSE || type == CONNECTION_CLOSE_APP) {
                QuicVarint.read(r); // error code
                if (type == CONNECTION_CLOSE) {
                    QuicVarint.read(r); // frame type
                }
                long reasonLength = QuicVarint.read(r);
                r.skip((int) Math.min(reasonLength, Integer.MAX_VALUE));
            } else {
                return r.ok() ? Outcome.UNEXPECTED_FRAME : Outcome.MALFORMED;
            }
            if (!r.ok()) {
                return Outcome.MALFORMED;
            }
        }
        return Outcome.OK;
    }
}
