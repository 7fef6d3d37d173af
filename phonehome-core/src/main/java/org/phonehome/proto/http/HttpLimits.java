package org.phonehome.proto.http;

/**
 * Every bound the HTTP/1.x parser and the body interpreters keep, so that a hostile capture runs in fixed memory.
 * Hitting one is counted as a named anomaly (see {@link HttpAnomalies}), never silent.
 *
 * <ul>
 *   <li>{@code maxHeadBytes} = {@value #DEFAULT_MAX_HEAD_BYTES}: start line plus header section. Servers refuse far
 *       less (Apache 8 KiB per line, nginx 4 x 8 KiB); 64 KiB keeps long tracking URLs and cookies.</li>
 *   <li>{@code maxHeaders} = {@value #DEFAULT_MAX_HEADERS}: header lines per message (Apache allows 100).</li>
 *   <li>{@code maxPendingRequests} = {@value #DEFAULT_MAX_PENDING_REQUESTS}: pipelined requests awaiting their
 *       response; browsers pipeline a handful, so 64 only trips on hostile streams.</li>
 *   <li>{@code maxBodyBytes} = {@value #DEFAULT_MAX_BODY_BYTES}: wire body bytes kept per message; beyond it the
 *       body is cut (flag {@code BODY_TRUNCATED}). Uploads of contacts or logs fit; video uploads do not need to.</li>
 *   <li>{@code maxDecodedBytes} = {@value #DEFAULT_MAX_DECODED_BYTES}: output of undoing Content-Encoding.</li>
 *   <li>{@code maxDecompressionRatio} = {@value #DEFAULT_MAX_DECOMPRESSION_RATIO}: decoded bytes per wire byte;
 *       one deflate layer tops out near 1032:1, so more means nested layers built to exhaust memory.</li>
 *   <li>{@code maxContentCodings} = {@value #DEFAULT_MAX_CONTENT_CODINGS}: codings undone per body (real
 *       servers use one).</li>
 *   <li>{@code maxZstdWindowBytes} = {@value #DEFAULT_MAX_ZSTD_WINDOW_BYTES}: RFC 9659 caps the zstd window of the
 *       HTTP content coding at 8 MiB; larger windows are refused before the decoder allocates them.</li>
 *   <li>{@code maxChunkLineBytes} = {@value #DEFAULT_MAX_CHUNK_LINE_BYTES}: a chunk-size line with extensions.</li>
 *   <li>{@code maxConnectHoldBytes} = {@value #DEFAULT_MAX_CONNECT_HOLD_BYTES}: client bytes sent after CONNECT
 *       before the proxy answered (a TLS ClientHello fits many times).</li>
 *   <li>{@code maxJsonDepth} = {@value #DEFAULT_MAX_JSON_DEPTH} and {@code maxJsonValues} =
 *       {@value #DEFAULT_MAX_JSON_VALUES}: nesting and flattened values per JSON body.</li>
 *   <li>{@code maxFormFields} = {@value #DEFAULT_MAX_FORM_FIELDS}: urlencoded fields per body or query.</li>
 *   <li>{@code maxMultipartParts} = {@value #DEFAULT_MAX_MULTIPART_PARTS} and {@code maxMultipartDepth} =
 *       {@value #DEFAULT_MAX_MULTIPART_DEPTH}: parts per body and nesting of multipart in multipart.</li>
 * </ul>
 */
public record HttpLimits(int maxHeadBytes, int maxHeaders, int maxPendingRequests, int maxBodyBytes,
                         int maxDecodedBytes, int maxDecompressionRatio, int maxContentCodings,
                         int maxZstdWindowBytes, int maxChunkLineBytes, int maxConnectHoldBytes, int maxJsonDepth,
                         int maxJsonValues, int maxFormFields, int maxMultipartParts, int maxMultipartDepth) {

    /**
     * Start line plus headers: servers refuse far less (Apache 8 KiB a line, nginx 4 x 8 KiB); 64 KiB keeps long
     * tracking URLs and cookies.
     */
    public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
    /** Header lines per message (Apache allows 100). */
    public static final int DEFAULT_MAX_HEADERS = 256;
    /** Pipelined requests awaiting their response; browsers pipeline a handful. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 64;
    /** Wire body bytes kept per message: uploads of contacts or logs fit; video uploads need not. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** Output of undoing Content-Encoding on one body. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;
    /**
     * Decoded bytes per wire byte: one deflate layer tops out near 1032:1, so more is nested layers built to exhaust
     * memory.
     */
    public static final int DEFAULT_MAX_DECOMPRESSION_RATIO = 1000;
    /** Codings undone per body (real servers use one). */
    public static final int DEFAULT_MAX_CONTENT_CODINGS = 4;
    /** RFC 9659 caps the zstd window of the HTTP content coding at 8 MiB; larger ones are refused before allocating. */
    public static final int DEFAULT_MAX_ZSTD_WINDOW_BYTES = 8 * 1024 * 1024;
    /** A chunk-size line with its extensions. */
    public static final int DEFAULT_MAX_CHUNK_LINE_BYTES = 4 * 1024;
    /** Client bytes sent after CONNECT before the proxy answered (a ClientHello fits many times). */
    public static final int DEFAULT_MAX_CONNECT_HOLD_BYTES = 64 * 1024;
    /** Nesting of one JSON body. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    /** Flattened values per JSON body. */
    public static final int DEFAULT_MAX_JSON_VALUES = 10_000;
    /** Urlencoded fields per body or query. */
    public static final int DEFAULT_MAX_FORM_FIELDS = 10_000;
    /** Parts per multipart body. */
    public static final int DEFAULT_MAX_MULTIPART_PARTS = 1_024;
    /** Multipart nested in multipart. */
    public static final int DEFAULT_MAX_MULTIPART_DEPTH = 4;

    /** The defaults listed above. */
    public static final HttpLimits DEFAULTS = new HttpLimits(DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_HEADERS,
            DEFAULT_MAX_PENDING_REQUESTS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DECODED_BYTES,
            DEFAULT_MAX_DECOMPRESSION_RATIO, DEFAULT_MAX_CONTENT_CODINGS, DEFAULT_MAX_ZSTD_WINDOW_BYTES,
            DEFAULT_MAX_CHUNK_LINE_BYTES, DEFAULT_MAX_CONNECT_HOLD_BYTES, DEFAULT_MAX_JSON_DEPTH,
            DEFAULT_MAX_JSON_VALUES, DEFAULT_MAX_FORM_FIELDS, DEFAULT_MAX_MULTIPART_PARTS,
            DEFAULT_MAX_MULTIPART_DEPTH);

    public HttpLimits {
        if (maxHeadBytes < 64 || maxHeaders < 1 || maxPendingRequests < 1 || maxBodyBytes < 0
                || maxDecodedBytes < 0 || maxDecompressionRatio < 1 || maxContentCodings < 0
                || maxZstdWindowBytes < 1024 || maxChunkLineBytes < 16 || maxConnectHoldBytes < 0
                || maxJsonDepth < 1 || maxJsonValues < 0 || maxFormFields < 0 || maxMultipartParts < 0
                || maxMultipartDepth < 1) {
            throw new IllegalArgumentException("HTTP limit out of range");
        }
    }

    /** A copy with other body bounds (tests use small ones). */
    public HttpLimits withBodyBounds(int bodyBytes, int decodedBytes, int ratio) {
        return new HttpLimits(maxHeadBytes, maxHeaders, maxPendingRequests, bodyBytes, decodedBytes, ratio,
                maxContentCodings, maxZstdWindowBytes, maxChunkLineBytes, maxConnectHoldBytes, maxJsonDepth,
                maxJsonValues, maxFormFields, maxMultipartParts, maxMultipartDepth);
    }
}
