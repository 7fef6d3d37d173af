package org.phonehome.proto.tls;

import org.phonehome.proto.ParserMemory;

/**
 * Reassembles handshake messages (4-byte header: type, u24 length) from the handshake bytes of one direction,
 * whatever records and segments they were split across. Bounded by {@link TlsLimits#MAX_HANDSHAKE_MESSAGE}; the
 * buffer grows with the bytes that arrive, never to the declared length up front. Its room past the first
 * {@value #INITIAL_CAPACITY} bytes (a ClientHello fits) is held within the audit's {@link ParserMemory} and given
 * back once the message is delivered.
 */
final class HandshakeReassembler {
    /** Receives each complete message; {@code body} is valid only during the call. */
    interface Listener {
        void message(int type, byte[] body, int length);
    }

    private static final int HEADER_LENGTH = 4;
    private static final int INITIAL_CAPACITY = 2048;

    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerFill;
    private static final byte[] NONE = new byte[0];

    private final ParserMemory memory;
    private byte[] body = NONE;
    private boolean memoryFull;
    private int bodyLength;
    private int bodyFill;

    HandshakeReassembler(ParserMemory memory) {
        this.memory = memory;
    }

    /**
     * Feeds handshake bytes; delivers every message they complete.
     *
     * @return false when a message declares more than {@link TlsLimits#MAX_HANDSHAKE_MESSAGE} bytes, or the shared
     *         bound refused its room ({@link #memoryFull()}): the reassembler is then unusable and the caller should
     *         stop this direction
     */
    boolean feed(byte[] data, int offset, int length, Listener listener) {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (headerFill < HEADER_LENGTH) {
                header[headerFill++] = data[pos++];
                if (headerFill == HEADER_LENGTH) {
                    bodyLength = ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                    if (bodyLength > TlsLimits.MAX_HANDSHAKE_MESSAGE) {
                        return false;
                    }
                    bodyFill = 0;
                    if (!ensureCapacity(Math.min(bodyLength, INITIAL_CAPACITY))) {
                        return false;
                    }
                }
            } else {
                int n = Math.min(end - pos, bodyLength - bodyFill);
                if (!ensureCapacity(bodyFill + n)) {
                    return false;
                }
                System.arraycopy(data, pos, body, bodyFill, n);
                bodyFill += n;
                pos += n;
            }
            if (headerFill == HEADER_LENGTH && bodyFill == bodyLength) {
                headerFill = 0;
                listener.message(header[0] & 0xff, body, bodyLength);
                if (body.length > INITIAL_CAPACITY) {
                    release(); // a certificate chain's room is not kept for the rest of a long connection
                }
            }
        }
        return true;
    }

    /** Bytes of room held for message bodies (tests). */
    int capacity() {
        return body.length;
    }

    /** True when part of a message is buffered. */
    boolean pending() {
        return headerFill > 0;
    }

    /** Drops any partial message. */
    void reset() {
        headerFill = 0;
        bodyFill = 0;
        bodyLength = 0;
        release();
    }

    /** The shared bound refused a message's room. */
    boolean memoryFull() {
        return memoryFull;
    }

    /** Gives back the room held past the first bytes, and the buffer. */
    void release() {
        memory.giveBack(Math.max(0, body.length - INITIAL_CAPACITY));
        body = NONE;
    }

    private boolean ensureCapacity(int needed) {
        if (body.length < needed) {
            int size = Math.max(needed, Math.min(TlsLimits.MAX_HANDSHAKE_MESSAGE, body.length * 2));
            long more = Math.max(0, size - INITIAL_CAPACITY) - Math.max(0, body.length - INITIAL_CAPACITY);
            if (more > 0 && !memory.take(more)) {
                memoryFull = true;
                return false;
            }
            byte[] bigger = new byte[size];
            System.arraycopy(body, 0, bigger, 0, bodyFill);
            body = bigger;
        }
        return true;
    }
}
