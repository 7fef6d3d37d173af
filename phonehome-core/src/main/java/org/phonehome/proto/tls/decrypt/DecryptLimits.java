package org.phonehome.proto.tls.decrypt;

import org.phonehome.proto.tls.TlsLimits;

/** Every bound TLS decryption enforces, with its reason. Hitting one is reported as an anomaly. */
public final class DecryptLimits {
    /**
     * Largest record body: 2^14 + 2048, the TLSCiphertext bound of RFC 5246 section 6.2.3 (the same bound as
     * {@link TlsLimits#MAX_RECORD_LENGTH}; TLS 1.3 allows only 2^14 + 256, so this admits every legal record).
     */
    public static final int MAX_RECORD_LENGTH = TlsLimits.MAX_RECORD_LENGTH;

    /** Largest decrypted handshake message we reassemble: the clear-text parser's bound (certificate chains). */
    public static final int MAX_HANDSHAKE_MESSAGE = TlsLimits.MAX_HANDSHAKE_MESSAGE;

    /**
     * 0-RTT records can arrive before the ServerHello that names the cipher suite; we hold at most 64 KiB of them
     * (RFC 8446 lets a server cap early data with max_early_data_size; real clients send a request or two).
     */
    public static final int MAX_PENDING_EARLY_BYTES = 64 * 1024;

    /**
     * Key log lines longer than this are malformed: the longest valid line (a label of 31 chars, 64 + 96 hex
     * digits) is under 200 chars; the bound keeps a hostile file from building huge strings.
     */
    public static final int MAX_KEY_LOG_LINE = 1024;

    /** Warnings kept per key log: past this a corrupt file would flood the report; the rest are counted only. */
    public static final int MAX_KEY_LOG_WARNINGS = 100;

    private DecryptLimits() {
    }
}
