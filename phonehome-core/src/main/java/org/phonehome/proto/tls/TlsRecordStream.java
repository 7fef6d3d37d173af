package org.phonehome.proto.tls;

import org.phonehome.proto.ParserMemory;

/**
 * The record layer of one direction: a state machine over the stream's bytes that frames records, hands the
 * clear-text handshake bytes to a {@link HandshakeReassembler} and counts the rest. Never throws.
 */
final class TlsRecordStream {
    /** What the stream tells its parser. */
    interface Events {
        void handshakeMessage(int type, byte[] body, int length);

        void changeCipherSpec();

        void anomaly(String name);
    }

    private enum State { HEADER, BODY, STOPPED }

    private static final int RECORD_HEADER_LENGTH = 5;
    private static final int TLS_MAJOR_VERSION = 3;

    private final Events events;
    private final TlsStats.DirectionStats stats;
    private final HandshakeReassembler handshake;
    private final byte[] header = new byte[RECORD_HEADER_LENGTH];
    private State state = State.HEADER;
    private int headerFill;
    private int contentType;
    private int bodyRemaining;
    private boolean encrypted;

    TlsRecordStream(Events events, TlsStats.DirectionStats stats, ParserMemory memory) {
        this.events = events;
        this.stats = stats;
        this.handshake = new HandshakeReassembler(memory);
    }

    /** From now on this direction's handshake is encrypted: records are counted, not parsed. */
    void encrypt() {
        encrypted = true;
        handshake.reset();
    }

    boolean encrypted() {
        return encrypted;
    }

    /** Stops parsing this direction for good, giving back the room of a message under way. */
    void stop() {
        state = State.STOPPED;
        handshake.release();
    }

    boolean stopped() {
        return state == State.STOPPED;
    }

    /** True when the stream ended inside a record header, a record body or a clear handshake message. */
    boolean midMessage() {
        return state != State.STOPPED && (headerFill > 0 || state == State.BODY || handshake.pending());
    }

    void feed(byte[] data, int offset, int length) {
        int pos = offset;
        int end = offset + length;
        while (pos < end && state != State.STOPPED) {
            if (state == State.HEADER) {
                header[headerFill++] = data[pos++];
                if (headerFill == RECORD_HEADER_LENGTH) {
                    headerFill = 0;
                    startRecord();
                }
            } else {
                int n = Math.min(end - pos, bodyRemaining);
                body(data, pos, n);
                pos += n;
                bodyRemaining -= n;
                if (bodyRemaining == 0 && state == State.BODY) {
                    endRecord();
                }
            }
        }
    }

    private void startRecord() {
        contentType = header[0] & 0xff;
        int major = header[1] & 0xff;
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (contentType < TlsConstants.CONTENT_CHANGE_CIPHER_SPEC || contentType > TlsConstants.CONTENT_HEARTBEAT
                || major != TLS_MAJOR_VERSION) {
            events.anomaly(TlsAnomalies.RECORD_HEADER_INVALID);
            stop();
            return;
        }
        if (length > TlsLimits.MAX_RECORD_LENGTH) {
            events.anomaly(TlsAnomalies.RECORD_TOO_LONG);
            stop();
            return;
        }
        stats.records++;
        switch (contentType) {
            case TlsConstants.CONTENT_APPLICATION_DATA -> stats.applicationDataRecords++;
            case TlsConstants.CONTENT_ALERT -> stats.alerts++;
            case TlsConstants.CONTENT_CHANGE_CIPHER_SPEC -> stats.changeCipherSpecs++;
            case TlsConstants.CONTENT_HANDSHAKE -> {
                if (encrypted) {
                    stats.encryptedHandshakeRecords++;
                }
            }
            default -> {
            }
        }
        bodyRemaining = length;
        state = State.BODY;
        if (length == 0) {
            endRecord();
        }
    }

    private void body(byte[] data, int offset, int length) {
        if (contentType == TlsConstants.CONTENT_APPLICATION_DATA) {
            stats.applicationDataBytes += length;
        } else if (contentType == TlsConstants.CONTENT_HANDSHAKE && !encrypted) {
            if (!handshake.feed(data, offset, length, this::message)) {
                events.anomaly(handshake.memoryFull() ? TlsAnomalies.MEMORY_FULL : TlsAnomalies.HANDSHAKE_TOO_LONG);
                stop();
            }
        }
    }

    private void message(int type, byte[] body, int length) {
        stats.handshakeMessages++;
        events.handshakeMessage(type, body, length);
    }

    private void endRecord() {
        state = State.HEADER;
        if (contentType == TlsConstants.CONTENT_CHANGE_CIPHER_SPEC) {
            events.changeCipherSpec();
        }
    }
}
