package org.phonehome.proto.tls.decrypt;

import org.phonehome.flow.StreamChunk;

/**
 * Frames the TLS records of one direction's byte stream: a state machine over 5-byte headers and bodies. A header
 * that is not TLS or a body over {@link DecryptLimits#MAX_RECORD_LENGTH} stops it with an anomaly. Never throws.
 */
public final class RecordFramer {
    /** Receives framed records. */
    public interface Handler {
        void record(int contentType, int version, byte[] body, long frameNumber, long timeNanos);

        void anomaly(String name);
    }

    private static final int HEADER = 5;
    private static final int FIRST_CONTENT_TYPE = 20;
    private static final int LAST_CONTENT_TYPE = 24;
    private static final int TLS_MAJOR_VERSION = 3;

    private final Handler handler;
    private final byte[] header = new byte[HEADER];
    private int headerFill;
    private byte[] body;
    private int bodyFill;
    private boolean stopped;

    public RecordFramer(Handler handler) {
        this.handler = handler;
    }

    /** The next bytes of the stream. */
    public void feed(StreamChunk chunk) {
        byte[] data = chunk.data();
        int pos = chunk.offset();
        int end = chunk.offset() + chunk.length();
        while (pos < end && !stopped) {
            if (body == null) {
                header[headerFill++] = data[pos++];
                if (headerFill == HEADER) {
                    headerFill = 0;
                    startRecord(chunk);
                }
            } else {
                int n = Math.min(end - pos, body.length - bodyFill);
                System.arraycopy(data, pos, body, bodyFill, n);
                pos += n;
                bodyFill += n;
                if (bodyFill == body.length) {
                    finish(chunk);
                }
            }
        }
    }

    /** Stops framing for good (after a gap). */
    public void stop() {
        stopped = true;
    }

    /** Whether framing stopped. */
    public boolean stopped() {
        return stopped;
    }

    /** True when the stream ended inside a record. */
    public boolean midRecord() {
        return !stopped && (headerFill > 0 || body != null);
    }

    private void startRecord(StreamChunk chunk) {
        int type = header[0] & 0xff;
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (type < FIRST_CONTENT_TYPE || type > LAST_CONTENT_TYPE || header[1] != TLS_MAJOR_VERSION) {
            stopped = true;
            handler.anomaly(DecryptAnomalies.RECORD_HEADER_INVALID);
            return;
        }
        if (length > DecryptLimits.MAX_RECORD_LENGTH) {
            stopped = true;
            handler.anomaly(DecryptAnomalies.RECORD_TOO_LONG);
            return;
        }
        body = new byte[length];
        bodyFill = 0;
        if (length == 0) {
            finish(chunk);
        }
    }

    private void finish(StreamChunk chunk) {
        byte[] b = body;
        body = null;
        int version = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        handler.record(header[0] & 0xff, version, b, chunk.frameNumber(), chunk.timestampNanos());
    }
}
