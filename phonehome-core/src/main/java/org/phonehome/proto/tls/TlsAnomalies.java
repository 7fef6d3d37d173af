package org.phonehome.proto.tls;

/** The anomaly names the TLS parser reports (the report's stable snake_case vocabulary). */
public final class TlsAnomalies {
    /** The reassembler reported missing bytes; that direction is no longer parsed. */
    public static final String GAP = "tls_gap";
    /** A record header with a content type outside 20..24 or a major version other than 3. */
    public static final String RECORD_HEADER_INVALID = "tls_record_header_invalid";
    /** A record longer than {@link TlsLimits#MAX_RECORD_LENGTH}. */
    public static final String RECORD_TOO_LONG = "tls_record_too_long";
    /** A handshake message longer than {@link TlsLimits#MAX_HANDSHAKE_MESSAGE}. */
    public static final String HANDSHAKE_TOO_LONG = "tls_handshake_too_long";
    /**
     * The parsers of all flows held their shared bound ({@link org.phonehome.proto.ParserMemory}) and a handshake
     * message past 2 KB could not be reassembled: that direction stops, as for one too long.
     */
    public static final String MEMORY_FULL = "tls_memory_full";
    /** A ClientHello whose structure does not parse. */
    public static final String CLIENT_HELLO_MALFORMED = "tls_client_hello_malformed";
    /** A ServerHello whose structure does not parse. */
    public static final String SERVER_HELLO_MALFORMED = "tls_server_hello_malformed";
    /** A known extension (SNI, ALPN, groups, ...) whose contents do not parse; the hello is kept. */
    public static final String EXTENSION_MALFORMED = "tls_extension_malformed";
    /** A Certificate message whose framing does not parse. */
    public static final String CERTIFICATE_MALFORMED = "tls_certificate_malformed";
    /** One certificate of a chain is not X.509 DER; it is skipped. */
    public static final String CERTIFICATE_UNPARSABLE = "tls_certificate_unparsable";
    /** The flow ended inside a record or handshake message. */
    public static final String TRUNCATED = "tls_truncated";
    /** Last-resort safety net: an unexpected internal error; that direction is no longer parsed. */
    public static final String PARSER_ERROR = "tls_parser_error";

    private TlsAnomalies() {
    }
}
