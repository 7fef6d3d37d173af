package org.phonehome.proto.tls.decrypt;

import java.io.ByteArrayOutputStream;

/**
 * Reassembles decrypted handshake messages (type(1) length(3) body) across records of one direction, bounded by
 * {@link DecryptLimits#MAX_HANDSHAKE_MESSAGE}.
 */
final class HandshakeBuffer {
    private static final int HEADER = 4;

    /** Receives complete messages. */
    interface Handler {
        void message(int type, byte[] body);
    }

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Appends {@code data}; hands every complete message to {@code handler}; false when a message is too long. */
    boolean feed(byte[] data, Handler handler) {
        pending.writeBytes(data);
        byte[] buf = pending.toByteArray();
        int pos = 0;
        while (buf.length - pos >= HEADER) {
            int len = ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
            if (len > DecryptLimits.MAX_HANDSHAKE_MESSAGE) {
                pending.reset();
                return false;
            }
            if (buf.length - pos - HEADER < len) {
                break;
            }
            byte[] body = new byte[len];
            System.arraycopy(buf, pos + HEADER, body, 0, len);
            int type = buf[pos] & 0xff;
            pos += HEADER + len;
            handler.message(type, body);
        }
        pending.reset();
        pending.write(buf, pos, buf.length - pos);
        return true;
    }

    /** Whether a partial message is held. */
    boolean pending() {
        return pending.size() > 0;
    }
}
