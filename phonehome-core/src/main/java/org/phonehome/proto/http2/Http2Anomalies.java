package org.phonehome.proto.http2;

/** The anomaly names the HTTP/2 parser reports (the report's stable snake_case vocabulary). */
public final class Http2Anomalies {
    /** The client's bytes do not start with the connection preface: that direction is not parsed. */
    public static final String PREFACE_MISSING = "http2_preface_missing";
    /** A frame longer than the receiver's SETTINGS_MAX_FRAME_SIZE (16 KiB by default): that direction stops. */
    public static final String FRAME_TOO_LARGE = "http2_frame_too_large";
    /** A frame whose fixed layout or padding is wrong; the frame is skipped. */
    public static final String FRAME_MALFORMED = "http2_frame_malformed";
    /** A frame other than CONTINUATION inside a header block, or a stray CONTINUATION: that direction stops. */
    public static final String CONTINUATION_ERROR = "http2_continuation_error";
    /** A header block HPACK cannot decode: the dynamic table is lost, that direction stops. */
    public static final String HPACK_ERROR = "http2_hpack_error";
    /**
     * The encoder grew its HPACK table past our bound (the {@code hpack-table-bytes} limit) though its peer allowed
     * it: the table can no longer be followed, that direction stops.
     */
    public static final String HEADER_TABLE_LIMIT = "http2_header_table_limit";
    /** A header block larger than {@link Http2Limits#MAX_HEADER_BLOCK}: that direction stops. */
    public static final String HEADER_BLOCK_TOO_LARGE = "http2_header_block_too_large";
    /** More than {@link Http2Limits#MAX_OPEN_STREAMS} streams at once: frames of further streams are not kept. */
    public static final String TOO_MANY_STREAMS = "http2_too_many_streams";
    /**
     * A body beyond the body bound (by default {@link Http2Limits#MAX_BODY_BYTES}): the rest is dropped and the
     * message flagged.
     */
    public static final String BODY_TRUNCATED = "http2_body_truncated";
    /**
     * The parsers of all connections held their shared bound ({@code ParserMemory}): a message kept no more body
     * bytes (reported truncated; counted once per message), or a header list of it was not kept.
     */
    public static final String MEMORY_FULL = "http2_memory_full";
    /** Body bytes past a bound (http2_body_truncated, http2_memory_full): counted, not kept or searched. */
    public static final String BODY_BYTES_NOT_SCANNED = "http2_body_bytes_not_scanned";
    /**
     * The header lists of one message (its headers and trailers) past {@link Http2Limits#MAX_HEADER_LIST_SIZE}: the
     * later list is not kept.
     */
    public static final String HEADER_LIST_TOO_LARGE = "http2_header_list_too_large";
    /** The client sent request DATA after the server reset the stream; it is reported as a request of its own. */
    public static final String DATA_AFTER_RESET = "http2_data_after_reset";
    /** Bytes were missing in the stream: that direction stops. */
    public static final String GAP = "http2_gap";
    /** The connection ended inside a frame. */
    public static final String TRUNCATED = "http2_truncated";
    /** Last-resort safety net: an unexpected internal error; that direction stops. */
    public static final String PARSER_ERROR = "http2_parser_error";

    private Http2Anomalies() {
    }
}
