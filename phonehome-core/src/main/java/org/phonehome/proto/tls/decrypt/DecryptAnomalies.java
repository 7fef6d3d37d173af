package org.phonehome.proto.tls.decrypt;

/** The anomaly names TLS decryption reports (the report's stable snake_case vocabulary). */
public final class DecryptAnomalies {
    /** An encrypted record of a session for which the key log has no secret: counted, not scanned. */
    public static final String NO_KEYS = "tls_no_keys";
    /** A record whose authentication (AEAD tag, MAC or CBC padding) failed: wrong key or damage; nothing passed on. */
    public static final String DECRYPT_FAILED = "tls_decrypt_failed";
    /** The negotiated cipher suite or version is not one we can decrypt (e.g. AES-CCM, SSL 3.0). */
    public static final String UNSUPPORTED_SUITE = "tls_decrypt_unsupported_suite";
    /** A record longer than {@link DecryptLimits#MAX_RECORD_LENGTH}: that direction stops. */
    public static final String RECORD_TOO_LONG = "tls_decrypt_record_too_long";
    /** A record header that is not TLS (content type outside 20..24, major version not 3): that direction stops. */
    public static final String RECORD_HEADER_INVALID = "tls_decrypt_record_header_invalid";
    /** Bytes were missing in the stream: record boundaries and sequence numbers are lost, that direction stops. */
    public static final String GAP = "tls_decrypt_gap";
    /** A decrypted handshake message longer than {@link DecryptLimits#MAX_HANDSHAKE_MESSAGE}: that direction stops. */
    public static final String HANDSHAKE_TOO_LONG = "tls_decrypt_handshake_too_long";
    /** Early (0-RTT) records before the ServerHello beyond {@link DecryptLimits#MAX_PENDING_EARLY_BYTES}: dropped. */
    public static final String EARLY_DATA_DROPPED = "tls_decrypt_early_data_dropped";
    /** The flow ended inside a record. */
    public static final String TRUNCATED = "tls_decrypt_truncated";
    /** Last-resort safety net: an unexpected internal error; that direction stops. */
    public static final String INTERNAL_ERROR = "tls_decrypt_internal_error";

    private DecryptAnomalies() {
    }
}
