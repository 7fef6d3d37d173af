package org.phonehome.proto.http;

/** The names of what can go wrong in an HTTP/1.x stream, as counted on the flow and shown in the report. */
public final class HttpAnomalies {
    /** Bytes of the stream were never captured; the parser resynchronised on the next message start. */
    public static final String GAP = "http_gap";
    /** A chunk-size line that is not hex, has more than 16 digits, or is 2^63 or more: the body stops there. */
    public static final String CHUNK_SIZE_INVALID = "http_chunk_size_invalid";
    /** A chunk's data was not followed by CRLF. */
    public static final String CHUNK_DELIMITER_INVALID = "http_chunk_delimiter_invalid";
    /** Decoding a body went past the decoded-size or ratio bound: decoding stopped, the output so far is kept. */
    public static final String DECOMPRESSION_BOMB = "http_decompression_bomb";
    /** A body is not valid for its Content-Encoding: the bytes before that layer are kept. */
    public static final String DECODE_ERROR = "http_decode_error";
    /** A Content-Encoding phonehome does not know (or more codings than the bound): left encoded. */
    public static final String UNKNOWN_CONTENT_ENCODING = "http_unknown_content_encoding";
    /** A start line or header line longer than the head bound, or a head beyond it: the line is dropped. */
    public static final String HEADER_TOO_LARGE = "http_header_too_large";
    /** More header lines than the bound: later ones are dropped (framing headers are still honoured). */
    public static final String TOO_MANY_HEADERS = "http_too_many_headers";
    /** A header line without a colon, with an empty name, or a fold with nothing before it. */
    public static final String INVALID_HEADER = "http_invalid_header";
    /** A line where a request or status line should be: the parser resynchronises. */
    public static final String INVALID_START_LINE = "http_invalid_start_line";
    /** A Content-Length that is not a number, or several that differ. */
    public static final String CONTENT_LENGTH_INVALID = "http_content_length_invalid";
    /** A request Transfer-Encoding whose last coding is not chunked. */
    public static final String TRANSFER_ENCODING_INVALID = "http_transfer_encoding_invalid";
    /** Both Transfer-Encoding and Content-Length (a request-smuggling pattern): chunked wins. */
    public static final String TE_AND_CL = "http_te_and_cl";
    /** More pipelined requests waiting for their responses than the bound. */
    public static final String PIPELINE_OVERFLOW = "http_pipeline_overflow";
    /** A response with no request waiting for it (capture started mid-connection, or a request was lost). */
    public static final String RESPONSE_WITHOUT_REQUEST = "http_response_without_request";
    /** A body longer than the kept-bytes bound: the rest is counted, not kept. */
    public static final String BODY_TRUNCATED = "http_body_truncated";
    /**
     * The parsers of all connections held their shared bound ({@link org.phonehome.proto.ParserMemory}): a message
     * kept no more headers or body bytes (flag HEADERS_TRUNCATED or BODY_TRUNCATED), counted once per message, a
     * line was cut to the room it had (also counted as the line's own anomaly, such as http_header_too_large), or
     * client bytes sent before a CONNECT was answered were not held.
     */
    public static final String MEMORY_FULL = "http_memory_full";
    /** Body bytes past a bound (http_body_truncated, http_memory_full): counted, not kept or searched. */
    public static final String BODY_BYTES_NOT_SCANNED = "http_body_bytes_not_scanned";
    /** A message cut by the end of the flow or by a gap, emitted with flag INCOMPLETE. */
    public static final String INCOMPLETE_MESSAGE = "http_incomplete_message";
    /** Client bytes after CONNECT beyond the hold bound before the answer came: dropped. */
    public static final String CONNECT_HOLD_OVERFLOW = "http_connect_hold_overflow";
    /** A JSON body deeper or with more values than the bounds: flattening stopped there. */
    public static final String JSON_LIMIT = "http_json_limit";
    /** More form fields or query parameters than the bound. */
    public static final String FORM_LIMIT = "http_form_limit";
    /** A multipart body without its boundary, or cut before its closing delimiter. */
    public static final String MULTIPART_INVALID = "http_multipart_invalid";
    /** More multipart parts or nesting than the bounds. */
    public static final String MULTIPART_LIMIT = "http_multipart_limit";
    /** Safety net: an unexpected failure inside the parser; the flow's HTTP parsing stops. */
    public static final String PARSER_ERROR = "http_parser_error";

    private HttpAnomalies() {
    }
    /** A request line without an HTTP version (HTTP/0.9 style or broken), read as a request anyway. */
    public static final String REQUEST_WITHOUT_VERSION = "http_request_without_version";
}
