package org.phonehome.proto.tls.decrypt;

import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;

/** Receives what a {@link TlsDecryptor} recovers from one TCP flow, in stream order per direction. */
public interface DecryptSink {

    /**
     * Verified application data of {@code direction}, in order: {@link StreamChunk#streamOffset()} counts plaintext
     * bytes of that direction from 0; {@code frameNumber}/{@code timestampNanos} are those of the segment that
     * completed the record. The chunk's array belongs to the sink.
     */
    void plaintext(Direction direction, StreamChunk chunk);

    /** A decrypted handshake message (TLS 1.3 EncryptedExtensions, Certificate, Finished, KeyUpdate, ...). */
    default void handshake(Direction direction, int type, byte[] body, long frameNumber, long timeNanos) {
    }

    /** A decrypted alert. */
    default void alert(Direction direction, int level, int description, long frameNumber, long timeNanos) {
    }

    /** A named anomaly (see {@link DecryptAnomalies}); also counted in {@link DecryptStats#anomalies()}. */
    default void anomaly(String name) {
    }
}
