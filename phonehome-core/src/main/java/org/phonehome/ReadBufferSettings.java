package org.phonehome;

import org.phonehome.capture.CaptureBuffers;
import org.phonehome.capture.ReadBuffers;

/**
 * How large the capture reader's buffers are, how many recent ones are kept for reading bytes again, whether a
 * buffer is used again once nothing reads it, and whether it is poisoned first; an audit uses {@link #DEFAULT},
 * tests small, few and poisoned ones.
 */
record ReadBufferSettings(int bufferBytes, int recentBuffers, boolean reuse, boolean poison) {

    static final ReadBufferSettings DEFAULT = new ReadBufferSettings(ReadBuffers.DEFAULT_BUFFER_BYTES,
            CaptureBuffers.DEFAULT_RECENT_BUFFERS, true, false);

    ReadBuffers pool(CaptureBuffers recent, ReadBuffers.Consumers consumers) {
        return new ReadBuffers(bufferBytes, recent, reuse ? consumers : null, poison);
    }
}
