package org.phonehome.proto.quic;

/** The anomaly names the QUIC Initial parser reports (ClientHello parse problems use the {@code tls_} names). */
public final class QuicAnomalies {
    /** A long header packet that ends past its datagram, or too short to sample for header protection. */
    public static final String PACKET_TRUNCATED = "quic_packet_truncated";
    /** A long header with the fixed bit clear or a connection id longer than 20 bytes. */
    public static final String HEADER_INVALID = "quic_header_invalid";
    /** An Initial whose AEAD tag does not verify with the Initial keys; nothing of it is used. */
    public static final String DECRYPTION_FAILED = "quic_decryption_failed";
    /** A frame type not allowed in an Initial packet; the rest of that packet is skipped. */
    public static final String FRAME_UNEXPECTED = "quic_frame_unexpected";
    /** A frame that ends past its packet; the rest of that packet is skipped. */
    public static final String FRAME_MALFORMED = "quic_frame_malformed";
    /** CRYPTO data beyond {@link QuicLimits#MAX_CRYPTO_STREAM}, or a hello claiming more. */
    public static final String CRYPTO_TOO_LONG = "quic_crypto_too_long";
    /**
     * The parsers of all flows held their shared bound ({@link org.phonehome.proto.ParserMemory}) and a CRYPTO stream
     * past 2 KB could not be held: that direction's hello is not read.
     */
    public static final String MEMORY_FULL = "quic_memory_full";
    /** The CRYPTO stream does not start with the expected hello. */
    public static final String CRYPTO_NOT_HELLO = "quic_crypto_not_hello";
    /** The flow ended before the client's CRYPTO stream held a whole ClientHello. */
    public static final String CRYPTO_INCOMPLETE = "quic_crypto_incomplete";
    /** Last-resort safety net: an unexpected internal error while handling one datagram. */
    public static final String PARSER_ERROR = "quic_parser_error";

    private QuicAnomalies() {
    }
}
